namespace WebsocketProxy.Streaming.Tests.Support;

/// <summary>
/// Drives one <c>await foreach</c> step by step from a test: <see cref="Start"/> begins the first
/// MoveNext (which subscribes), <see cref="NextAsync"/> awaits an item within the test timeout, and
/// disposal cancels a pending MoveNext before disposing the enumerator.
/// </summary>
internal sealed class StreamProbe<T> : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly IAsyncEnumerator<T> _enumerator;
    private Task<bool>? _pending;
    private bool _disposed;

    public StreamProbe(Func<CancellationToken, IAsyncEnumerable<T>> open)
        => _enumerator = open(_cancellation.Token).GetAsyncEnumerator();

    public StreamProbe<T> Start()
    {
        _pending ??= _enumerator.MoveNextAsync().AsTask();
        return this;
    }

    public async Task<T> NextAsync()
    {
        var move = _pending ?? _enumerator.MoveNextAsync().AsTask();
        _pending = null;
        Assert.True(await move.WaitAsync(Timeouts.Wait), "The stream ended instead of yielding an item.");
        return _enumerator.Current;
    }

    /// <summary>Awaits the stream's end and returns the exception it ended with, if any.</summary>
    public async Task<Exception?> EndAsync()
    {
        var move = _pending ?? _enumerator.MoveNextAsync().AsTask();
        _pending = null;
        try
        {
            Assert.False(await move.WaitAsync(Timeouts.Wait), "The stream yielded an item instead of ending.");
            return null;
        }
        catch (StreamException ex)
        {
            return ex;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _cancellation.CancelAsync();
        if (_pending is { } pending)
        {
            try
            {
                await pending.WaitAsync(Timeouts.Wait);
            }
            catch (Exception ex) when (ex is OperationCanceledException or StreamException)
            {
                // Ending the probe is not what the test checks.
            }
        }

        await _enumerator.DisposeAsync();
        _cancellation.Dispose();
    }
}

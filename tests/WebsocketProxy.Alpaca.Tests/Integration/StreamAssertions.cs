namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>Bounded reads of typed streams: a stream that stops delivering fails the test loudly.</summary>
internal static class StreamAssertions
{
    public static async Task<List<T>> TakeAsync<T>(this IAsyncEnumerable<T> stream, int count, int seconds = 20)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var items = new List<T>();
        try
        {
            await foreach (var item in stream.WithCancellation(cts.Token))
            {
                items.Add(item);
                if (items.Count == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"Only {items.Count} of {count} items arrived within {seconds} s.");
        }

        return items;
    }

    /// <summary>Moves an open enumerator on by one item, within a bound.</summary>
    public static async Task<T> NextAsync<T>(this IAsyncEnumerator<T> enumerator, int seconds = 20)
    {
        var move = enumerator.MoveNextAsync().AsTask();
        var finished = await Task.WhenAny(move, Task.Delay(TimeSpan.FromSeconds(seconds)));
        if (finished != move)
        {
            throw new TimeoutException($"No item arrived within {seconds} s.");
        }

        Assert.True(await move, "The stream ended.");
        return enumerator.Current;
    }

    public static int Count(this IReadOnlyList<string> messages, string text) => messages.Count(m => m == text);
}

using System.Text;
using System.Threading.Channels;

namespace WebsocketProxy.Client.Tests;

/// <summary>Reads a connection's frames in the background so tests can wait for a particular one.</summary>
internal sealed class FrameCollector
{
    private readonly Channel<ProxyFrame> _frames = Channel.CreateUnbounded<ProxyFrame>();
    private readonly List<string> _seen = [];

    public FrameCollector(IProxyConnection connection)
    {
        var frames = connection.ReadFramesAsync();
        _ = Task.Run(async () =>
        {
            await foreach (var frame in frames)
            {
                var copy = frame with { Payload = frame.Payload.ToArray() };
                lock (_seen)
                {
                    _seen.Add(Describe(copy));
                }

                _frames.Writer.TryWrite(copy);
            }

            _frames.Writer.TryComplete();
        });
    }

    /// <summary>Every frame read so far, described.</summary>
    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public static string Describe(ProxyFrame frame) =>
        frame.Kind == ProxyFrameKind.Data ? "data " + Encoding.UTF8.GetString(frame.Payload.Span) : $"{frame.Kind} {frame.Message}";

    public async Task<ProxyFrame> WaitForAsync(Func<ProxyFrame, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        try
        {
            while (true)
            {
                var frame = await _frames.Reader.ReadAsync(cts.Token);
                if (predicate(frame))
                {
                    return frame;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            lock (_seen)
            {
                throw new TimeoutException($"No matching frame. Frames: [{string.Join(" | ", _seen)}]");
            }
        }
    }

    public Task<ProxyFrame> WaitForDataAsync(string text, TimeSpan? timeout = null) =>
        WaitForAsync(f => f.Kind == ProxyFrameKind.Data && Encoding.UTF8.GetString(f.Payload.Span) == text, timeout);

    public Task<ProxyFrame> WaitForKindAsync(ProxyFrameKind kind, TimeSpan? timeout = null) =>
        WaitForAsync(f => f.Kind == kind, timeout);
}

using System.Net.WebSockets;

namespace WebsocketProxy.Client.Tests;

/// <summary>IProxyConnection.ReadFramesAsync buffers, through a real proxy.</summary>
public sealed class ReadFramesTests
{
    [Fact]
    public async Task SlowReader_BufferFull_StillGetsExactGapThenErrorAndClosed()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("slow-reader") with { FrameBufferCapacity = 4 });
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url, FatalCloseCodes = [4001] });

        var slow = connection.ReadFramesAsync().GetAsyncEnumerator();

        // A handler (no buffer) tells when the last message and the end went through the client's receive thread,
        // which delivers to the slow reader in the same order.
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = connection.AttachFrameHandler((in ProxyFrame frame) =>
        {
            if (frame.Kind == ProxyFrameKind.Data && frame.Payload.Span.SequenceEqual("m9"u8))
            {
                last.TrySetResult();
            }
            else if (frame.Kind == ProxyFrameKind.Closed)
            {
                closed.TrySetResult();
            }
        });
        for (var i = 0; i < 10; i++)
        {
            await server.BroadcastAsync($"m{i}");
        }

        await last.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await server.CloseAllAsync((WebSocketCloseStatus)4001, "go away");
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(20));

        var seen = new List<ProxyFrame>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await slow.MoveNextAsync().AsTask().WaitAsync(timeout.Token))
        {
            seen.Add(slow.Current);
        }

        await slow.DisposeAsync();
        Assert.Equal(
            ["Opened", "data m0", "data m1", "data m2", "data m3", "Gap", "Error", "Closed"],
            seen.Select(f => f.Kind == ProxyFrameKind.Data ? FrameCollector.Describe(f) : f.Kind.ToString()));
        Assert.Equal(6, seen.Single(f => f.Kind == ProxyFrameKind.Gap).LostMessages);
        Assert.Contains("4001", seen.Single(f => f.Kind == ProxyFrameKind.Error).Message, StringComparison.Ordinal);
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;

namespace WebsocketProxy.Client.Tests;

/// <summary>IProxyConnection.AttachFrameHandler: frames on the receive thread, through a real proxy.</summary>
public sealed class FrameHandlerTests
{
    [Fact]
    public async Task Handler_GetsEveryFrameInOrder_SameAsAChannelReader()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await context.ConnectAsync("handler");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var handled = new Recorder();
        using var attached = connection.AttachFrameHandler(handled.Handle);
        var reader = new FrameCollector(connection);

        for (var i = 0; i < 200; i++)
        {
            await server.BroadcastAsync($"m{i}");
        }

        await reader.WaitForDataAsync("m199");
        await handled.WaitForAsync("data m199");
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"data m{i}"), handled.Seen.Where(s => s.StartsWith("data", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Handler_Throws_FramesKeepComing()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await context.ConnectAsync("throwing-handler");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var handled = new Recorder(throwOn: "data boom");
        using var attached = connection.AttachFrameHandler(handled.Handle);

        await server.BroadcastAsync("boom");
        await server.BroadcastAsync("after");

        await handled.WaitForAsync("data after");
        Assert.Contains("data boom", handled.Seen);
    }

    [Fact]
    public async Task Dispose_NoCallAfterItReturns()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await context.ConnectAsync("detaching");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var handled = new Recorder();
        var attached = connection.AttachFrameHandler(handled.Handle);
        var reader = new FrameCollector(connection);
        await server.BroadcastAsync("before");
        await handled.WaitForAsync("data before");

        attached.Dispose();
        await server.BroadcastAsync("after");
        await reader.WaitForDataAsync("after");

        Assert.DoesNotContain("data after", handled.Seen);
    }

    [Fact]
    public async Task Close_EndsWithClosed_AndAttachingToAClosedConnectionSaysSoAtOnce()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await context.ConnectAsync("closing");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var handled = new Recorder();
        using var attached = connection.AttachFrameHandler(handled.Handle);
        await server.BroadcastAsync("last");
        await handled.WaitForAsync("data last");

        await connection.DisposeAsync();
        await handled.WaitForAsync("Closed");
        var late = new Recorder();
        using var _ = connection.AttachFrameHandler(late.Handle);

        Assert.Equal("Closed", handled.Seen[^1]);
        Assert.Equal(["Closed"], late.Seen);
    }

    [Fact]
    public async Task Handler_WaitsForClosingItsOwnConnection_NoDeadlock_ThenGetsClosed()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        await using var client = await context.ConnectAsync("self-closing");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var closedInside = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handled = new Recorder();
        using var attached = connection.AttachFrameHandler((in ProxyFrame frame) =>
        {
            handled.Handle(frame);
            if (frame.Kind == ProxyFrameKind.Data)
            {
                // Blocking on the receive thread until the close completes: the close must not wait for this call.
                closedInside.TrySetResult(connection.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20)));
            }
        });

        await server.BroadcastAsync("close yourself");

        Assert.True(await closedInside.Task.WaitAsync(TimeSpan.FromSeconds(30)), "closing from inside the handler did not complete");
        await handled.WaitForAsync("Closed");
        Assert.Equal(["data close yourself", "Closed"], handled.Seen);
    }

    [Fact]
    public async Task DefaultImplementation_ReadsFramesOnATask_AndEndsWithClosed()
    {
        var source = new ChannelConnection();
        var handled = new Recorder();
        using var attached = ((IProxyConnection)source).AttachFrameHandler(handled.Handle);

        source.Frames.Writer.TryWrite(new ProxyFrame(ProxyFrameKind.Data, 1, "one"u8.ToArray()));
        source.Frames.Writer.TryWrite(new ProxyFrame(ProxyFrameKind.Data, 1, "two"u8.ToArray()));
        source.Frames.Writer.TryComplete();

        await handled.WaitForAsync("Closed");
        Assert.Equal(["data one", "data two", "Closed"], handled.Seen);
    }

    /// <summary>Records what a handler saw, copying payloads (they are valid only during the call).</summary>
    private sealed class Recorder(string? throwOn = null)
    {
        private readonly BlockingCollection<string> _lines = [];
        private readonly List<string> _seen = [];

        public string[] Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public void Handle(in ProxyFrame frame)
        {
            var line = frame.Kind == ProxyFrameKind.Data ? "data " + Encoding.UTF8.GetString(frame.Payload.Span) : frame.Kind.ToString();
            lock (_seen)
            {
                _seen.Add(line);
            }

            _lines.Add(line);
            if (line == throwOn)
            {
                throw new InvalidOperationException("application bug");
            }
        }

        public Task WaitForAsync(string line) => Task.Run(() =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (_lines.Take(timeout.Token) != line)
            {
            }
        });
    }

    /// <summary>A connection that offers frames only through ReadFramesAsync, as a custom implementation might.</summary>
    private sealed class ChannelConnection : IProxyConnection
    {
        public Channel<ProxyFrame> Frames { get; } = Channel.CreateUnbounded<ProxyFrame>();

        public long Id => 1;

        public bool IsNew => true;

        public Uri Url { get; } = new("ws://127.0.0.1:1/");

        public ValueTask SendAsync(ReadOnlyMemory<byte> message, System.Net.WebSockets.WebSocketMessageType messageType = System.Net.WebSockets.WebSocketMessageType.Text, CancellationToken cancellationToken = default) =>
            ValueTask.CompletedTask;

        public ValueTask SubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask UnsubscribeAsync(SubscriptionTemplate template, IReadOnlyCollection<string> topics, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public async IAsyncEnumerable<ProxyFrame> ReadFramesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var frame in Frames.Reader.ReadAllAsync(cancellationToken))
            {
                yield return frame;
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

using System.Buffers;
using System.Diagnostics;
using System.Reflection;
using WebsocketProxy.Client;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Server.Tests.Clients;

/// <summary>
/// A registration outlives its proxy: a client that has not yet noticed the proxy died still holds its lease, and
/// its request ring may hold commands the dead proxy never read (or that the client writes before it notices). The
/// next proxy finds that lease and reads that ring; it must execute none of it. Real proxy processes, a registration
/// made by hand from the same files a client makes (rings, then lease), no client library in between.
/// </summary>
public sealed class StaleRequestRingTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly string _instance = "r" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<Registration> _registrations = [];
    private readonly List<Process> _proxies = [];
    private TestWebSocketServer _server = null!;

    private static string ProxyDll => typeof(StaleRequestRingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!;

    public async Task InitializeAsync() => _server = await TestWebSocketServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var proxy in _proxies)
        {
            if (!proxy.HasExited)
            {
                proxy.Kill();
                await proxy.WaitForExitAsync().WaitAsync(Bound);
            }

            proxy.Dispose();
        }

        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        InstanceFiles.RemoveWhenIdle(_instance);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task NextProxy_CommandsLeftInADeadProxysRing_RefusedNotExecuted_FreshRegistrationsServed()
    {
        var first = await StartProxyAsync();
        var old = Register(1);
        var hello = await old.RequestAsync(new HelloCommand(1, "old", Environment.ProcessId));
        Assert.True(hello.Ok, hello.Error);

        first.Kill();
        await first.WaitForExitAsync().WaitAsync(Bound);

        // Unread when the proxy died (or written before the client noticed): an open, and a heartbeat.
        old.Post(new OpenCommand(2, new ProxyConnectionOptions { Url = _server.Url }));
        old.Post(new HeartbeatCommand(0, 1, 0));
        old.Post(new StatusCommand(3));
        await StartProxyAsync();

        var open = await old.ReadReplyAsync();
        var status = await old.ReadReplyAsync();

        // Refused, in order, each with why; the open never reached upstream.
        Assert.Equal((CommandKind.Open, 2L, false), (open.Kind, open.CorrelationId, open.Ok));
        Assert.Contains("Not executed", open.Error, StringComparison.Ordinal);
        Assert.Contains("proxy that has gone", open.Error, StringComparison.Ordinal);
        Assert.Equal((CommandKind.Status, 3L, false), (status.Kind, status.CorrelationId, status.Ok));
        Assert.Equal(0, _server.AcceptedCount);

        // A fresh registration, which starts with its hello, is served by the same proxy.
        var fresh = Register(2);
        Assert.True((await fresh.RequestAsync(new HelloCommand(1, "fresh", Environment.ProcessId))).Ok);
        var opened = await fresh.RequestAsync(new OpenCommand(2, new ProxyConnectionOptions { Url = _server.Url }));
        Assert.True(opened.Ok, opened.Error);
        Assert.Equal(1, _server.AcceptedCount);
    }

    [Fact]
    public async Task NextProxy_HelloLeftUnreadByADeadProxy_TheRegistrationIsServed()
    {
        // A client that registered as the proxy died: its hello (and what follows it) is for whichever proxy answers.
        var first = await StartProxyAsync();
        first.Kill();
        await first.WaitForExitAsync().WaitAsync(Bound);
        var late = Register(3);
        late.Post(new HelloCommand(1, "late", Environment.ProcessId));
        late.Post(new OpenCommand(2, new ProxyConnectionOptions { Url = _server.Url }));
        await StartProxyAsync();

        var hello = await late.ReadReplyAsync();
        var open = await late.ReadReplyAsync();

        Assert.True(hello.Ok, hello.Error);
        Assert.True(open.Ok, open.Error);
        Assert.Equal(1, _server.AcceptedCount);
    }

    private async Task<Process> StartProxyAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { ProxyDll, "run", "--instance", _instance, "--grace-period", "30", "--quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        var proxy = Process.Start(start)!;
        _proxies.Add(proxy);
        var stopwatch = Stopwatch.StartNew();
        while (!Lease.IsHeld(ProxyNames.InstanceLease(_instance)))
        {
            if (proxy.HasExited)
            {
                Assert.Fail($"The proxy exited with {proxy.ExitCode}: {await proxy.StandardError.ReadToEndAsync()}");
            }

            Assert.True(stopwatch.Elapsed < Bound, "The proxy did not take its instance lease within 30 s.");
            await Task.Delay(20);
        }

        return proxy;
    }

    private Registration Register(long clientId)
    {
        var registration = new Registration(_instance, clientId);
        _registrations.Add(registration);
        return registration;
    }

    /// <summary>What a client creates to register: its rings, then its lease (the proxy sees only complete ones).</summary>
    private sealed class Registration : IDisposable
    {
        private readonly string _instance;
        private readonly long _id;
        private readonly MessageRing _requests;
        private readonly MessageRing _replies;
        private readonly Lease _lease;

        public Registration(string instance, long id)
        {
            _instance = instance;
            _id = id;
            _requests = MessageRing.Create(ProxyNames.ClientRequests(instance, id), 1 << 16);
            _replies = MessageRing.Create(ProxyNames.ClientReplies(instance, id), 1 << 16);
            _lease = Lease.Acquire(ProxyNames.ClientLease(instance, id));
        }

        public void Post(Command command)
        {
            var record = new ArrayBufferWriter<byte>();
            CommandCodec.Encode(command, record);
            Assert.True(_requests.TryWrite(record.WrittenSpan));
        }

        public async Task<Reply> RequestAsync(Command command)
        {
            Post(command);
            var reply = await ReadReplyAsync();
            Assert.Equal(command.CorrelationId, reply.CorrelationId);
            return reply;
        }

        public Task<Reply> ReadReplyAsync() => Task.Run(() =>
        {
            var buffer = new ArrayBufferWriter<byte>();
            var stopwatch = Stopwatch.StartNew();
            while (_replies.TryRead(buffer).Status != ReadStatus.Message)
            {
                Assert.True(stopwatch.Elapsed < Bound, "No reply within 30 s.");
                _replies.WaitForData(TimeSpan.FromMilliseconds(100));
            }

            return Reply.Decode(buffer.WrittenSpan);
        });

        public void Dispose()
        {
            _lease.Dispose();
            _requests.Dispose();
            _replies.Dispose();
            foreach (var path in new[] { ProxyNames.ClientLease(_instance, _id), ProxyNames.ClientRequests(_instance, _id), ProxyNames.ClientReplies(_instance, _id) })
            {
                File.Delete(path);
            }
        }
    }
}

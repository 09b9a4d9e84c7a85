using System.Buffers;
using System.Runtime.Versioning;
using System.Text;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Client.Tests;

/// <summary>Bad input gets a clear error and the proxy keeps serving everyone.</summary>
public sealed class BadInputTests
{
    [Fact]
    public async Task Open_DifferentCredentialsSameUrl_SeparateUpstreamConnections()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("creds");
        var alice = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url, Headers = new Dictionary<string, string> { ["APCA-API-KEY-ID"] = "alice" } });
        var bob = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url, Headers = new Dictionary<string, string> { ["APCA-API-KEY-ID"] = "bob" } });
        var aliceAgain = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url, Headers = new Dictionary<string, string> { ["APCA-API-KEY-ID"] = "alice" } });
        var aliceKeyWrongSecret = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url, Headers = new Dictionary<string, string> { ["APCA-API-KEY-ID"] = "alice", ["APCA-API-SECRET-KEY"] = "guess" } });

        Assert.True(alice.IsNew);
        Assert.True(bob.IsNew);
        Assert.False(aliceAgain.IsNew);
        Assert.NotEqual(alice.Id, bob.Id);
        Assert.Equal(alice.Id, aliceAgain.Id);
        Assert.True(aliceKeyWrongSecret.IsNew);
        Assert.Equal(3, server.AcceptedCount);
        Assert.Equal(["alice", "alice", "bob"], server.OpenConnections.Select(c => c.Headers["APCA-API-KEY-ID"]).Order());
        var status = await client.GetStatusAsync();
        Assert.DoesNotContain("alice", status, StringComparison.Ordinal);
    }

    [PlatformFact(TestPlatforms.Unix, "the failing proxy is a shell script")]
    [UnsupportedOSPlatform("windows")]
    public async Task Connect_ProxyExitsAsItStarts_SaysSoWithItsExitCode_WithoutWaitingForTheTimeout()
    {
        await using var context = new ProxyTestContext();
        // A proxy that refuses its arguments, as an older release refuses an option it does not know.
        var fake = Path.Combine(Path.GetTempPath(), $"wsproxy-fake-{context.Instance}.sh");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho \"unrecognized option\" >&2\nexit 3\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        try
        {
            var options = context.ClientOptions("outdated") with { ProxyPath = fake, StartTimeout = TimeSpan.FromSeconds(60) };
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

            var error = await Assert.ThrowsAsync<WebsocketProxyException>(() => WebsocketProxyClient.ConnectAsync(options, deadline.Token));

            Assert.Contains("exited with code 3", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(fake);
        }
    }

    [Fact]
    public async Task Open_RefusedCredentials_ClearErrorOthersUnaffected()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        server.Accept = http => http.Request.Headers["APCA-API-KEY-ID"] != "mallory";
        var client = await context.ConnectAsync("refused");
        var good = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url, Headers = new Dictionary<string, string> { ["APCA-API-KEY-ID"] = "alice" } });

        var error = await Assert.ThrowsAsync<WebsocketProxyException>(() => client.OpenAsync(new ProxyConnectionOptions { Url = server.Url, Headers = new Dictionary<string, string> { ["APCA-API-KEY-ID"] = "mallory" } }));
        Assert.Contains("401", error.Message, StringComparison.Ordinal);

        var frames = new FrameCollector(good);
        await server.BroadcastAsync("still-here");
        await frames.WaitForDataAsync("still-here");
    }

    [Fact]
    public async Task BadRequests_ClearErrors_ProxyKeepsServing()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("bad");

        Assert.Throws<ArgumentException>(() => client.OpenAsync(new ProxyConnectionOptions { Url = new Uri("http://127.0.0.1/") }).GetAwaiter().GetResult());
        var unreachable = await Assert.ThrowsAsync<WebsocketProxyException>(() => client.OpenAsync(new ProxyConnectionOptions { Url = new Uri("ws://127.0.0.1:1/nothing") }));
        Assert.Contains("Cannot connect", unreachable.Message, StringComparison.Ordinal);
        var tls = await Assert.ThrowsAsync<WebsocketProxyException>(() => client.OpenAsync(new ProxyConnectionOptions { Url = new UriBuilder(server.Url) { Scheme = "wss" }.Uri }));
        Assert.Contains("TLS failure", tls.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<WebsocketProxyException>(() => client.CloseAsync(987654));
        Assert.Contains("unknown", unknown.Message, StringComparison.Ordinal);

        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var oversized = await Assert.ThrowsAsync<WebsocketProxyException>(async () => await connection.SendAsync(new byte[8 << 20]));
        Assert.Contains("at most", oversized.Message, StringComparison.Ordinal);

        var garbage = await client.Registration.RequestRawAsync(77, [CommandCodec.Version, (byte)CommandKind.Subscribe, 77, 0, 0, 0, 0, 0, 0, 0, 1, 2], TimeSpan.FromSeconds(10));
        Assert.False(garbage.Ok);
        Assert.Contains("Malformed", garbage.Error, StringComparison.Ordinal);
        var unknownKind = await client.Registration.RequestRawAsync(78, [CommandCodec.Version, 200, 78, 0, 0, 0, 0, 0, 0, 0], TimeSpan.FromSeconds(10));
        Assert.False(unknownKind.Ok);

        await connection.SendAsync(Encoding.UTF8.GetBytes("fine"));
        await server.WaitForMessageAsync("fine");
        Assert.Contains("bad", await client.GetStatusAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_TemplateRenderingPastTheLimit_ErrorToThatClientOnly_OthersKeepServed()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var good = await context.ConnectAsync("good");
        var bad = await context.ConnectIsolatedAsync("amplifier");
        var goodConnection = await good.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var badConnection = await bad.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(goodConnection);
        // {topic} 2,000 times (within the template size limit): each 600-byte topic would render to a 1.2 MB message,
        // 100 of them to 120 MB.
        var amplifier = TestTemplates.Bars with { Group = "amp", TopicFormat = string.Concat(Enumerable.Repeat("{topic}", 2_000)) };
        string[] topics = [.. Enumerable.Range(0, 100).Select(i => $"{i:D3}" + new string('x', 597))];

        // The client library refuses it at once, with the reason...
        var early = await Assert.ThrowsAsync<ArgumentException>(async () => await badConnection.SubscribeAsync(amplifier, topics));
        Assert.Contains("at most 1048576 bytes per upstream message", early.Message, StringComparison.Ordinal);

        // ...and a client that skips that check gets the same refusal from the proxy, as its own reply (the template
        // itself is valid: registering it is not refused, rendering these topics with it is).
        var registration = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new RegisterTemplateCommand(90, badConnection.Id, 1000, amplifier), registration);
        Assert.True((await bad.Registration.RequestRawAsync(90, registration.WrittenSpan.ToArray(), TimeSpan.FromSeconds(30))).Ok);
        var command = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(new SubscriptionCommand(91, true, badConnection.Id, 1000, topics), command);
        var reply = await bad.Registration.RequestRawAsync(91, command.WrittenSpan.ToArray(), TimeSpan.FromSeconds(30));
        Assert.False(reply.Ok);
        Assert.Contains("at most 1048576 bytes per upstream message", reply.Error, StringComparison.Ordinal);

        // Nothing of it was counted or sent, and the other client's subscribe and frames go on.
        await goodConnection.SubscribeAsync(TestTemplates.Bars, ["AAPL"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        Assert.DoesNotContain(server.Received, m => m.Contains("xxxxx", StringComparison.Ordinal));
        Assert.DoesNotContain("xxxxx", await good.GetStatusAsync(), StringComparison.Ordinal);
        await server.BroadcastAsync("still-here");
        await frames.WaitForDataAsync("still-here");
        Assert.DoesNotContain(frames.Seen, f => f.StartsWith("Error", StringComparison.Ordinal));
    }
}

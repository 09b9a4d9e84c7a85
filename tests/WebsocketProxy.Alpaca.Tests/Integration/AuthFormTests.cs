using System.Text;
using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Client;
using WebsocketProxy.Ipc;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>
/// Every credentials form through the real proxy and the simulator: equal credentials share one authenticated
/// upstream across processes, different secrets never do, and no secret (nor the Basic value that encodes it) is
/// left in the proxy's log, its shared-memory files, its status or its environment and command line.
/// </summary>
public sealed class AuthFormTests
{
    public static TheoryData<AlpacaAuthMode> Modes => [AlpacaAuthMode.Message, AlpacaAuthMode.Headers, AlpacaAuthMode.BrokerBasic, AlpacaAuthMode.OAuth];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ConnectAsync_EachForm_TwoProcessesShareOneUpstream_AndNoSecretInLogRingsStatusOrProxyProcess(AlpacaAuthMode mode)
    {
        var world = AuthWorld.For(mode);
        await using var context = await IntegrationContext.StartAsync(world.SimulatorOptions);
        var clientLog = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var options = context.Options("first");
        await using var alpaca = await AlpacaProxy.ConnectAsync(world.Valid, options with { Proxy = options.Proxy with { Callback = new LogCollector(clientLog) } });
        Assert.True(alpaca.Stocks.Connection!.IsNew);
        await using var bars = alpaca.Bars("AAPL").GetAsyncEnumerator();
        await bars.NextAsync();

        var strategy = context.StartStrategy("MSFT", count: 1, credentials: world.Valid);
        Assert.Equal("CONNECTED False", await strategy.WaitForLineAsync("CONNECTED"));
        await strategy.WaitForLineAsync("DONE");

        var upstream = Assert.Single(context.Simulator.Counters.Connections);
        Assert.Equal(world.KeyId, upstream.KeyId);
        // Header forms authenticate in the handshake: the service hears no auth message at all.
        var authMessages = upstream.ReceivedMessages.Count(m => m.Contains("\"auth\"", StringComparison.Ordinal));
        Assert.Equal(mode is AlpacaAuthMode.Message or AlpacaAuthMode.OAuth ? 1 : 0, authMessages);
        Assert.Contains(clientLog, line => line.Contains("opened", StringComparison.Ordinal));
        foreach (var secret in world.SecretTexts)
        {
            Assert.DoesNotContain(clientLog, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(upstream.ReceivedMessages, m => m.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, world.Valid.ToString(), StringComparison.Ordinal);
        }

        await AssertNoSecretAnywhereAsync(context, world);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ConnectAsync_EachFormWrongSecret_ItsOwnUpstreamAnd402_WhileTheValidStreamGoesOn(AlpacaAuthMode mode)
    {
        var world = AuthWorld.For(mode);
        await using var context = await IntegrationContext.StartAsync(world.SimulatorOptions);
        var alpaca = await context.ConnectAsync("valid", world.Valid);
        await using var bars = alpaca.Bars("AAPL").GetAsyncEnumerator();
        await bars.NextAsync();

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => context.ConnectAsync("wrong", world.Wrong));

        Assert.Equal(AlpacaErrorCode.AuthFailed, error.Code);
        Assert.True(error.IsFatal);
        Assert.Equal(2, context.Simulator.Counters.ConnectionsSeen);
        Assert.All(world.SecretTexts, secret => Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal));
        await bars.NextAsync();
        await AssertNoSecretAnywhereAsync(context, world);
    }

    [Fact]
    public async Task ConnectAsync_SameKeyAsMessageAndAsHeaders_TwoUpstreamsSoTheSecondMeets406()
    {
        // Documented on AlpacaCredentials: the form is part of what is shared, so cooperating processes must agree.
        var world = AuthWorld.For(AlpacaAuthMode.Message);
        await using var context = await IntegrationContext.StartAsync(world.SimulatorOptions);
        await context.ConnectAsync("message", world.Valid);

        var error = await Assert.ThrowsAsync<AlpacaStreamException>(() => context.ConnectAsync("headers", AlpacaCredentials.FromKeyHeaders(world.KeyId, world.Valid.Secret)));

        Assert.Equal(AlpacaErrorCode.ConnectionLimitExceeded, error.Code);
        Assert.Equal(2, context.Simulator.Counters.ConnectionsSeen);
    }

    /// <summary>The proxy log, every file of the instance (rings, leases) and the proxy's status, environment and command line.</summary>
    internal static async Task AssertNoSecretAnywhereAsync(IntegrationContext context, AuthWorld world)
    {
        await using var probe = await WebsocketProxyClient.ConnectAsync(context.Options("probe").Proxy);
        var status = await probe.GetStatusAsync();
        Assert.Contains("connected", status, StringComparison.Ordinal);
        var places = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["status"] = Encoding.UTF8.GetBytes(status),
            ["proxy log"] = await File.ReadAllBytesAsync(context.LogFile),
        };
        var files = Directory.GetFiles(IpcPaths.RootDirectory, context.Instance + ".*");
        Assert.Contains(files, f => f.EndsWith(".requests", StringComparison.Ordinal));
        foreach (var file in files)
        {
            try
            {
                places[file] = await ReadUnlockedAsync(file);
            }
            catch (FileNotFoundException)
            {
                // A client that left meanwhile (the refused one) removed its rings: nothing is left there.
            }
        }

        if (OperatingSystem.IsLinux())
        {
            places["proxy environment"] = await ProcFs.ReadAsync((int)probe.ServerId, "environ");
            places["proxy command line"] = await ProcFs.ReadAsync((int)probe.ServerId, "cmdline");
        }

        Assert.Contains("opened connection", Encoding.UTF8.GetString(places["proxy log"]), StringComparison.Ordinal);
        foreach (var (place, bytes) in places)
        {
            foreach (var secret in world.SecretTexts)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"A secret ({secret.Length} characters) is in {place}.");
            }
        }
    }

    private sealed class LogCollector(System.Collections.Concurrent.ConcurrentQueue<string> lines) : IWebsocketProxyCallback
    {
        public void OnLog(Microsoft.Extensions.Logging.LogLevel level, string message) => lines.Enqueue(message);
    }

    /// <summary>
    /// The bytes of a file even while a lease holds its lock: .NET's own reads take a shared lock that a held lease
    /// refuses, so a lease file is read by <c>cat</c>, which takes none.
    /// </summary>
    private static async Task<byte[]> ReadUnlockedAsync(string path)
    {
        try
        {
            return await File.ReadAllBytesAsync(path);
        }
        catch (IOException ex) when (ex is not FileNotFoundException && OperatingSystem.IsLinux())
        {
            var start = new System.Diagnostics.ProcessStartInfo("cat") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(path);
            using var cat = System.Diagnostics.Process.Start(start)!;
            using var bytes = new MemoryStream();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await cat.StandardOutput.BaseStream.CopyToAsync(bytes, timeout.Token);
            await cat.WaitForExitAsync(timeout.Token);
            return cat.ExitCode == 0 ? bytes.ToArray() : throw new FileNotFoundException($"cat could not read {path}", path);
        }
    }

    /// <summary>A simulator account with a fresh key pair and token, and credentials of one form for it.</summary>
    internal sealed record AuthWorld(AlpacaSimulatorOptions SimulatorOptions, string KeyId, AlpacaCredentials Valid, AlpacaCredentials Wrong, IReadOnlyList<string> SecretTexts)
    {
        public static AuthWorld For(AlpacaAuthMode mode)
        {
            var keyId = "PKAUTH" + Guid.NewGuid().ToString("N")[..14].ToUpperInvariant();
            var secret = "auth-secret-" + Guid.NewGuid().ToString("N");
            var token = "auth-token-" + Guid.NewGuid().ToString("N");
            var wrongSecret = "wrong-secret-" + Guid.NewGuid().ToString("N");
            var options = AlpacaSimulatorOptions.Default with
            {
                TimeScale = 60,
                TradesPerSecond = 5,
                KeyPairs = [new AlpacaKeyPair(keyId, secret)],
                OAuthTokens = [new AlpacaOAuthToken(token, keyId)],
            };
            var (valid, wrong) = mode switch
            {
                AlpacaAuthMode.Headers => (AlpacaCredentials.FromKeyHeaders(keyId, secret), AlpacaCredentials.FromKeyHeaders(keyId, wrongSecret)),
                AlpacaAuthMode.BrokerBasic => (AlpacaCredentials.FromBrokerKey(keyId, secret), AlpacaCredentials.FromBrokerKey(keyId, wrongSecret)),
                AlpacaAuthMode.OAuth => (AlpacaCredentials.FromOAuthToken(token), AlpacaCredentials.FromOAuthToken(wrongSecret)),
                _ => (AlpacaCredentials.FromKey(keyId, secret), AlpacaCredentials.FromKey(keyId, wrongSecret)),
            };
            string[] texts = [secret, token, wrongSecret, Basic(keyId, secret), Basic(keyId, wrongSecret)];
            return new AuthWorld(options, keyId, valid, wrong, texts);
        }

        private static string Basic(string keyId, string secret) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{keyId}:{secret}"));
    }
}

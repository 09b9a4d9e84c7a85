using System.Globalization;
using System.Text.RegularExpressions;
using WebsocketProxy.Samples.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Samples.Tests;

/// <summary>
/// samples/RawBytes as a user runs it: two clients share one connection to a ticker server that is not Alpaca, and
/// the server's own lines show the reference counting: it hears of a product only when its first subscriber
/// arrives and its last one leaves.
/// </summary>
public sealed partial class RawBytesTests
{
    private const string Received = "    [ticker server] received ";

    [PlatformFact(TestPlatforms.Linux, "the samples are driven with POSIX signals and /proc")]
    public async Task Run_TwoClientsOneConnection_UpstreamHearsOnlyFirstSubscribesAndLastUnsubscribes()
    {
        await using var run = new ProcessRun("rawbytes");
        await using var sample = SampleProcess.Start("RawBytes", run);
        var exitCode = await sample.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"exit code {exitCode}{sample.Describe()}");
        var output = sample.Output;

        // Alice's open creates the connection; Bob's joins it.
        var opened = Assert.Single(output, l => l.StartsWith("alice opened connection ", StringComparison.Ordinal));
        var ids = OpenedPattern().Match(opened);
        Assert.True(ids.Success, opened);
        Assert.Equal(ids.Groups["alice"].Value, ids.Groups["bob"].Value);

        // Upstream hears each transition of a product's count between 0 and 1, and Bob's raw message, in that order.
        string[] expected =
        [
            """{"op":"subscribe","products":["BTC-USD","ETH-USD"]}""",
            """{"op":"subscribe","products":["SOL-USD"]}""",
            """{"op":"unsubscribe","products":["BTC-USD"]}""",
            """{"op":"subscribe","products":[]}""",
            """{"op":"unsubscribe","products":["ETH-USD","SOL-USD"]}""",
        ];
        var heard = output.Where(l => l.StartsWith(Received, StringComparison.Ordinal)).Select(l => l[Received.Length..]).ToArray();
        Assert.True(expected.SequenceEqual(heard), $"the ticker server heard [{string.Join(", ", heard)}]{sample.Describe()}");

        // Bob's frames flowed; one upstream connection served both. Alice and Bob live in one process, so they share its
        // one registration with the proxy (one client per process): the status shows one client on the connection.
        var summary = SummaryPattern().Match(Assert.Single(output, l => l.StartsWith("bob received ", StringComparison.Ordinal)));
        Assert.True(summary.Success, sample.Describe());
        Assert.True(int.Parse(summary.Groups["ticks"].Value, CultureInfo.InvariantCulture) > 0, sample.Describe());
        Assert.Equal("1", summary.Groups["connections"].Value);
        Assert.Contains("connections (1):", output);
        Assert.Single(output, l => l.EndsWith(": connected, clients 1", StringComparison.Ordinal));

        // The proxy the sample started is the one it printed, and it leaves after its 2 s grace period.
        var proxy = Assert.Single(run.SeenProxies);
        Assert.Contains($"Proxy process id: {proxy.Pid}", output);
        await run.WaitUntilAllGoneAsync($"rawbytes-{sample.ProcessId}", TimeSpan.FromSeconds(30));
    }

    [GeneratedRegex(@"^alice opened connection (?<alice>\d+) \(new: True\); bob opened (?<bob>\d+) \(new: False\)$")]
    private static partial Regex OpenedPattern();

    [GeneratedRegex(@"^bob received (?<ticks>\d+) ticks; upstream connections seen by the ticker server: (?<connections>\S+)$")]
    private static partial Regex SummaryPattern();
}

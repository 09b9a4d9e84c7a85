using System.Diagnostics;
using System.Globalization;
using WebsocketProxy.Alpaca.Gateway;
using WebsocketProxy.Client;

namespace WebsocketProxy.Benchmarks.Gateway;

/// <summary>
/// <c>gateway-host UPSTREAM INSTANCE PROXYPATH</c>: the gateway in a process of its own, as a user runs
/// <c>alpaca-gateway</c> (here through the library entry point, so the benchmark does not depend on the tool's
/// options): prints <c>uri URI</c>, then on each <c>cpu</c> line of its input prints <c>cpu SECONDS ALLOCATED</c> (its
/// processor time and managed bytes allocated so far), and stops at the end of its input.
/// </summary>
internal static class GatewayHost
{
    public const string Verb = "gateway-host";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = AlpacaGatewayOptions.Default with
        {
            Port = 0,
            Upstream = new Uri(args[0]),
            Proxy = WebsocketProxyClientOptions.Default with
            {
                Name = "bench-gateway",
                Instance = args[1],
                ProxyPath = args[2],
                ProxyGracePeriod = TimeSpan.FromSeconds(2),
            },

            // A flood of 100,000 trades to each of 8 clients is far beyond what the default bounds let one client
            // queue (they cut a client off as slow, which is right for a desk but would end the measurement).
            MaxQueuedFrames = 1_000_000,
            MaxQueuedBytes = 1L << 30,
        };
        await using var gateway = await AlpacaGateway.StartAsync(options);
        Console.Out.WriteLine($"uri {gateway.Uri}");
        Console.Out.Flush();
        using var process = Process.GetCurrentProcess();
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "cpu")
            {
                process.Refresh();
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu {process.TotalProcessorTime.TotalSeconds:0.######} {GC.GetTotalAllocatedBytes(precise: true)} {gateway.UpstreamCount} {gateway.ClientCount}"));
                Console.Out.Flush();
            }
        }

        return 0;
    }
}

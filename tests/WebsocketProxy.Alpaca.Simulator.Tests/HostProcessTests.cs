using System.Diagnostics;
using System.Runtime.Versioning;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class HostProcessTests
{
    [PlatformFact(TestPlatforms.Linux, "sends SIGINT (Ctrl-C)")]
    [SupportedOSPlatform("linux")]
    public async Task Executable_PrintsUrlAndKeys_ServesThem_StopsOnCtrlC()
    {
        var host = Path.Combine(AppContext.BaseDirectory, "alpaca-simulator.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { host, "--port", "0", "--time-scale", "60", "--key", "PKPROCESS", "--secret", "process-secret", "--oauth-token", "process-token" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The test sends Ctrl-C: a host started in the background would otherwise hand its ignored SIGINT down.
        using var process = Interrupts.StartWithSigIntDefault(start);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var printed = new Dictionary<string, string>();
            Uri? iex = null;
            while (!printed.ContainsKey("APCA-API-SECRET-KEY"))
            {
                var line = await process.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("The simulator exited: " + await process.StandardError.ReadToEndAsync(cts.Token));
                var parts = line.Split('=', 2);
                if (parts.Length == 2)
                {
                    printed[parts[0]] = parts[1];
                }
                else if (line.Contains("/v2/iex", StringComparison.Ordinal))
                {
                    iex = new Uri(line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]);
                }
            }

            Assert.Equal("PKPROCESS", printed["APCA-API-KEY-ID"]);
            Assert.Equal("process-secret", printed["APCA-API-SECRET-KEY"]);
            Assert.NotNull(iex);
            await using (var client = await RawClient.ConnectAsync(iex))
            {
                await client.ReceiveSingleAsync();
                await client.SendAsync("""{"action":"auth","key":"PKPROCESS","secret":"process-secret"}""");
                Assert.Equal("authenticated", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
                await client.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
                await client.ReceiveSingleAsync();
                Assert.Equal("AAPL", (await client.ReceiveUntilAsync(m => m.Type() == "t")).Symbol());
            }

            // Another endpoint, so the key's one connection per endpoint is not in question.
            await using (var client = await RawClient.ConnectAsync(new Uri(iex, "/v1beta3/crypto/us"), o => o.SetRequestHeader("Authorization", "Bearer process-token")))
            {
                await client.ReceiveSingleAsync();
                Assert.Equal("authenticated", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
            }

            Assert.Equal(0, Interrupts.Send(process.Id));

            var rest = await process.StandardOutput.ReadToEndAsync(cts.Token);
            await process.WaitForExitAsync(cts.Token);
            Assert.EndsWith("Stopping.", rest.TrimEnd(), StringComparison.Ordinal);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}

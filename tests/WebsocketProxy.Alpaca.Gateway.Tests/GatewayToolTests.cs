using System.Diagnostics;
using System.Text.RegularExpressions;

namespace WebsocketProxy.Alpaca.Gateway.Tests;

public sealed partial class GatewayToolTests
{
    private static readonly string ToolPath = Path.Combine(AppContext.BaseDirectory, "alpaca-gateway.dll");

    [Fact]
    public async Task Tool_NonLoopbackBindWithoutAllowRemote_Exits2AndSaysWhy()
    {
        using var process = Start("--bind", "0.0.0.0", "--port", "0");
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RawClient.Timeout);

        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--allow-remote", await error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_Run_ServesAClientThroughTheProxy()
    {
        await using var context = await GatewayContext.StartAsync();
        using var process = Start("--port", "0", "--upstream", context.Simulator.BaseUri.ToString(), "--instance", context.Instance, "--proxy-path", GatewayContext.ProxyPath);
        try
        {
            using var timeout = new CancellationTokenSource(RawClient.Timeout);
            Uri? url = null;
            while (url is null)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("alpaca-gateway ended: " + await process.StandardError.ReadToEndAsync());
                if (ListeningLine().Match(line) is { Success: true } match)
                {
                    url = new Uri(match.Groups[1].Value);
                }
            }

            await using var client = await RawClient.ConnectAsync(new Uri(url, "v2/iex"), messagePack: true);
            await client.ExpectAsync("success", "connected");
            await client.SendAsync(new { action = "auth", key = context.Key, secret = context.Secret });
            await client.ExpectAsync("success", "authenticated");
            await client.SendAsync(new { action = "subscribe", quotes = new[] { "SPY" } });
            await client.ExpectAsync("subscription");
            var quotes = await client.ReadUntilAsync(m => m.GetProperty("T").GetString() == "q", count: 2);
            Assert.All(quotes, q => Assert.Equal("SPY", q.GetProperty("S").GetString()));
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Tool_Help_DescribesTheRootFeed()
    {
        using var process = Start("--help");
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RawClient.Timeout);

        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("--root-feed", await output, StringComparison.Ordinal);
        Assert.Contains("WithProxyForAlpacaDataStreamingClient()", await output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tool_RootFeedNotAFeed_Exits2()
    {
        using var process = Start("--root-feed", "nasdaq", "--port", "0");
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RawClient.Timeout);

        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("nasdaq", await error, StringComparison.Ordinal);
    }

    [Fact]
    public void Assembly_ExportedTypes_AreTheLibrarySurfaceWithoutTheEntryPoint()
    {
        var exported = typeof(AlpacaGateway).Assembly.GetExportedTypes().Select(t => t.FullName).Order(StringComparer.Ordinal);

        Assert.Equal(["WebsocketProxy.Alpaca.Gateway.AlpacaGateway", "WebsocketProxy.Alpaca.Gateway.AlpacaGatewayOptions"], exported);
        Assert.False(typeof(AlpacaGateway).Assembly.EntryPoint!.DeclaringType!.IsPublic);
    }

    private static Process Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ToolPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    [GeneratedRegex(@"listening on (ws://\S+/) ")]
    private static partial Regex ListeningLine();
}

using Xunit.Abstractions;

namespace WebsocketProxy.Packaging.Tests;

/// <summary>
/// The path a user takes: install websocket-proxy and alpaca-simulator as dotnet tools and the libraries as
/// package references, from the packed feed, into a fresh folder outside the repository; build an application
/// that uses the typed Alpaca layer and declares a stream protocol of its own; run it against the simulators.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class InstalledPackagesTests(PackedFeed feed, ITestOutputHelper log)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task InstalledToolsAndPackages_StreamFromTheSimulators_ThroughTheInstalledProxy()
    {
        var tools = Path.Combine(feed.Root, "tools");
        log.WriteLine(await DotnetCommand.RunDotnetAsync(feed.Root, "tool", "install", "WebsocketProxy.Server", "--version", feed.Version, "--tool-path", tools));
        log.WriteLine(await DotnetCommand.RunDotnetAsync(feed.Root, "tool", "install", "WebsocketProxy.Alpaca.Simulator.Tool", "--version", feed.Version, "--tool-path", tools));

        var app = Path.Combine(feed.Root, "app");
        Directory.CreateDirectory(app);
        foreach (var file in Directory.GetFiles(RepositoryLayout.ConsumerTemplate))
        {
            File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        }

        log.WriteLine(await DotnetCommand.RunDotnetAsync(app, "build", "-c", "Release", $"-p:WebsocketProxyVersion={feed.Version}", "--disable-build-servers"));
        var consumer = Path.Combine(app, "bin", "Release", "net10.0", "Consumer");
        Assert.False(Directory.Exists(Path.Combine(app, "bin", "Release", "net10.0", "websocket-proxy")), "The proxy must come from the installed tool.");
        Assert.False(File.Exists(Path.Combine(app, "bin", "Release", "net10.0", "websocket-proxy.dll")), "The proxy must come from the installed tool.");

        await using var simulator = await SimulatorToolProcess.StartAsync(Path.Combine(tools, "alpaca-simulator"));
        var instance = "pkg" + Guid.NewGuid().ToString("N")[..10];
        var path = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        var output = await DotnetCommand.RunAsync(
            consumer, app, new Dictionary<string, string?> { ["PATH"] = path }, RunTimeout,
            instance, simulator.CryptoUrl.ToString(), simulator.KeyId, simulator.Secret);
        log.WriteLine(output);

        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal(5, Line(lines, "typed trades: ").Split(' ').Count(t => t.StartsWith("AAPL@", StringComparison.Ordinal)));
        Assert.Equal("1", Line(lines, "simulator upstream connections: "));
        Assert.Equal(5, Line(lines, "generated trades: ").Split(' ').Count(t => t.StartsWith("BTC/USD@", StringComparison.Ordinal)));
        Assert.Contains("done", lines);

        // Found on PATH: the proxy that served the application is the installed tool's launcher.
        var executable = Line(lines, "proxy executable: ");
        Assert.Equal(Path.Combine(tools, "websocket-proxy"), executable);

        // No stray process: with its clients gone, the proxy leaves after the 1 s grace period the application set.
        var pid = int.Parse(Line(lines, "proxy pid: "), System.Globalization.CultureInfo.InvariantCulture);
        await ProcessWatch.WaitForExitAsync(pid, TimeSpan.FromSeconds(30));
    }

    private static string Line(string[] lines, string prefix) =>
        lines.SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..]
        ?? throw new Xunit.Sdk.XunitException($"No line starting with '{prefix}' in:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
}

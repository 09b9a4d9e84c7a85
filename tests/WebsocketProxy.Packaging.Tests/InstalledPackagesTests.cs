using System.Globalization;
using WebsocketProxy.Tests.Shared;
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

    [PlatformFact(TestPlatforms.Linux, "installed tools are launched and watched as on Linux (/proc)")]
    public async Task GlobalTool_OnPath_ServesAnApplicationBuiltFromThePackages()
    {
        var tools = await InstallToolsAsync("global-tools");
        var app = await BuildApplicationAsync("global-app");
        await using var simulator = await SimulatorToolProcess.StartAsync(Path.Combine(tools, "alpaca-simulator"));

        var path = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        var lines = await RunApplicationAsync(app, simulator, new Dictionary<string, string?> { ["PATH"] = path });

        // Found on PATH: the proxy that served the application is the installed tool's launcher.
        Assert.Equal(Path.Combine(tools, "websocket-proxy"), Line(lines, "proxy executable: "));
    }

    [PlatformFact(TestPlatforms.Linux, "installed tools are launched and watched as on Linux (/proc)")]
    public async Task LocalTool_InAManifest_ServesAnApplicationBuiltFromThePackages()
    {
        var tools = await InstallToolsAsync("simulator-tools");
        var app = await BuildApplicationAsync("local-app");
        log.WriteLine(await DotnetCommand.RunDotnetAsync(app, "new", "tool-manifest"));
        log.WriteLine(await DotnetCommand.RunDotnetAsync(app, "tool", "install", "WebsocketProxy.Server", "--version", feed.Version));
        await using var simulator = await SimulatorToolProcess.StartAsync(Path.Combine(tools, "alpaca-simulator"));

        // websocket-proxy is on no PATH: only the manifest in the application's folder names it.
        var lines = await RunApplicationAsync(app, simulator, new Dictionary<string, string?> { ["NUGET_PACKAGES"] = feed.PackagesFolder });

        // A local tool runs through the dotnet host, from the package the manifest pins in the packages folder.
        Assert.Equal(DotnetCommand.DotnetExecutable, Line(lines, "proxy executable: "));
        var entry = Path.Combine(feed.PackagesFolder, "websocketproxy.server", feed.Version, "tools", "net10.0", "any", "websocket-proxy.dll");
        Assert.StartsWith(entry + " run ", Line(lines, "proxy arguments: ").Split(' ', 2)[1] + " ", StringComparison.Ordinal);
    }

    private async Task<string> InstallToolsAsync(string folder)
    {
        var tools = Path.Combine(feed.Root, folder);
        log.WriteLine(await DotnetCommand.RunDotnetAsync(feed.Root, "tool", "install", "WebsocketProxy.Server", "--version", feed.Version, "--tool-path", tools));
        log.WriteLine(await DotnetCommand.RunDotnetAsync(feed.Root, "tool", "install", "WebsocketProxy.Alpaca.Simulator.Tool", "--version", feed.Version, "--tool-path", tools));
        return tools;
    }

    private async Task<string> BuildApplicationAsync(string folder)
    {
        var app = Path.Combine(feed.Root, folder);
        Directory.CreateDirectory(app);
        foreach (var file in Directory.GetFiles(RepositoryLayout.ConsumerTemplate))
        {
            File.Copy(file, Path.Combine(app, Path.GetFileName(file)));
        }

        log.WriteLine(await DotnetCommand.RunDotnetAsync(app, "build", "-c", "Release", $"-p:WebsocketProxyVersion={feed.Version}", "--disable-build-servers"));
        var output = Path.Combine(app, "bin", "Release", "net10.0");
        Assert.False(Directory.Exists(Path.Combine(output, "websocket-proxy")), "The proxy must come from an installed tool, not the application's folder.");
        Assert.False(File.Exists(Path.Combine(output, "websocket-proxy.dll")), "The proxy must come from an installed tool, not the application's folder.");
        return app;
    }

    /// <summary>Runs the application in its folder, checks what it streamed, and waits for its proxy to leave.</summary>
    private async Task<string[]> RunApplicationAsync(string app, SimulatorToolProcess simulator, Dictionary<string, string?> environment)
    {
        var instance = "pkg" + Guid.NewGuid().ToString("N")[..10];
        var output = await DotnetCommand.RunAsync(
            Path.Combine(app, "bin", "Release", "net10.0", "Consumer"), app, environment, RunTimeout,
            instance, simulator.CryptoUrl.ToString(), simulator.KeyId, simulator.Secret);
        log.WriteLine(output);

        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal(5, Line(lines, "typed trades: ").Split(' ').Count(t => t.StartsWith("AAPL@", StringComparison.Ordinal)));
        Assert.Equal("1", Line(lines, "simulator upstream connections: "));
        Assert.Equal(5, Line(lines, "generated trades: ").Split(' ').Count(t => t.StartsWith("BTC/USD@", StringComparison.Ordinal)));
        Assert.Contains("done", lines);

        // No stray process: with its clients gone, the proxy leaves after the 1 s grace period the application set.
        var pid = int.Parse(Line(lines, "proxy pid: "), CultureInfo.InvariantCulture);
        await ProcessWatch.WaitForExitAsync(pid, TimeSpan.FromSeconds(30));

        // The installed proxy's own `clean` verb removes what the instance left (its lock files), run the way the
        // client ran the proxy: the same executable and arguments up to the verb.
        var command = Line(lines, "proxy arguments: ").Split(' ');
        var verb = Array.IndexOf(command, "run");
        Assert.True(verb > 0, $"No run verb in the proxy's command line: {string.Join(' ', command)}");
        var cleaned = await DotnetCommand.RunAsync(Line(lines, "proxy executable: "), app, environment, RunTimeout, [.. command[1..verb], "clean", "--instance", instance]);
        log.WriteLine(cleaned);
        Assert.Contains(instance + ".proxy.lock", cleaned, StringComparison.Ordinal);
        return lines;
    }

    private static string Line(string[] lines, string prefix) =>
        lines.SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..]
        ?? throw new Xunit.Sdk.XunitException($"No line starting with '{prefix}' in:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
}

using System.Text.RegularExpressions;
using WebsocketProxy.Tests.Shared;
using Xunit.Abstractions;

namespace WebsocketProxy.Packaging.Tests;

/// <summary>
/// The README's package instructions, run as a new user would: its commands exactly as written, under a home folder
/// of their own (so no earlier install, cache or source of this machine can help), then a fresh console application
/// that uses the package. The only change to a command: the pack gets `--no-build`, since the test run built already.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed partial class ReadmeInstructionsTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wsp-readme-" + Guid.NewGuid().ToString("N")[..12]);

    [PlatformFact(TestPlatforms.Linux, "the README commands are run as on Linux")]
    public async Task ReadmePackageCommands_InAFreshHomeAndProject_InstallTheToolAndBuildAnApplication()
    {
        var commands = ReadmePackageCommands();
        Assert.Contains(commands, c => c.StartsWith("dotnet pack ", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("dotnet add package WebsocketProxy.Alpaca", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.Contains("--source", StringComparison.Ordinal));

        var home = Path.Combine(_root, "home");
        Directory.CreateDirectory(home);
        CopyUserNuGetConfiguration(home);
        var app = Path.Combine(_root, "my-strategy");
        Directory.CreateDirectory(app);
        var environment = new Dictionary<string, string?> { ["HOME"] = home, ["DOTNET_CLI_HOME"] = home };

        await RunAsync(app, environment, "new", "console", "--framework", "net10.0");
        foreach (var command in commands)
        {
            var arguments = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(a => a.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, a[2..]) : a).ToList();
            var inApplication = arguments[0] == "add";
            if (arguments[0] == "pack")
            {
                arguments.Add("--no-build");
            }

            await RunAsync(inApplication ? app : RepositoryLayout.Root, environment, [.. arguments]);
        }

        // The application builds against the package (its API and its dependencies resolved from the user's feeds).
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
            var options = WebsocketProxy.Alpaca.AlpacaProxyOptions.Default;
            Console.WriteLine($"environment: {options.Environment}");
            """);
        await RunAsync(app, environment, "build", "-c", "Release", "--disable-build-servers");
        Assert.Contains("Include=\"WebsocketProxy.Alpaca\"", await File.ReadAllTextAsync(Path.Combine(app, "my-strategy.csproj")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(home, ".dotnet", "tools", "websocket-proxy")), "`dotnet tool install --global` left no websocket-proxy in ~/.dotnet/tools.");
        Assert.True(Directory.Exists(Path.Combine(home, ".nuget", "packages", "websocketproxy.alpaca")), "The package did not come into the fresh home's packages folder.");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A build server of the test may still hold a file; the folder is in the temporary directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The `dotnet` lines of the first bash block in README.md's "Packages" section.</summary>
    private static List<string> ReadmePackageCommands()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));
        var section = readme[readme.IndexOf("\n## Packages", StringComparison.Ordinal)..];
        var block = BashBlock().Match(section);
        Assert.True(block.Success, "README.md's Packages section has no bash block.");
        var lines = block.Groups[1].Value.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("dotnet ", l, StringComparison.Ordinal));
        return [.. lines];
    }

    private static void CopyUserNuGetConfiguration(string home)
    {
        // The user's own feeds, as a real user has them (the packages' dependencies come from there).
        var user = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet", "NuGet.Config");
        if (File.Exists(user))
        {
            var target = Path.Combine(home, ".nuget", "NuGet");
            Directory.CreateDirectory(target);
            File.Copy(user, Path.Combine(target, "NuGet.Config"));
        }
    }

    private async Task RunAsync(string directory, Dictionary<string, string?> environment, params string[] arguments) =>
        log.WriteLine(await DotnetCommand.RunAsync(DotnetCommand.Dotnet, directory, environment, TimeSpan.FromMinutes(5), arguments));

    [GeneratedRegex("```bash\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}

using System.Globalization;

namespace WebsocketProxy.Packaging.Tests;

/// <summary>
/// Packs the solution's build output once into a local folder feed under a version of its own, in a temporary
/// folder with its own NuGet configuration and packages folder: nothing the tests install can come from (or be
/// left in) the user's package cache, so a stale 0.1.0 from an earlier run can never pass for this build.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public PackedFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "wsp-packaging-" + Guid.NewGuid().ToString("N")[..12]);
        Version = string.Create(CultureInfo.InvariantCulture, $"0.1.0-local.{DateTime.UtcNow:yyyyMMddHHmmss}");
    }

    /// <summary>The temporary folder holding the feed, the packages folder, installed tools and applications.</summary>
    public string Root { get; }

    public string Feed => Path.Combine(Root, "feed");

    public string Version { get; }

    /// <summary>The NuGet packages folder every restore and tool install of these tests uses.</summary>
    public string PackagesFolder => Path.Combine(Root, "packages");

    public string PackageFile(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        if (!OperatingSystem.IsLinux())
        {
            // xunit 2 makes collection fixtures even when every test of the collection is skipped, as they all are here.
            return;
        }

        // Relative paths in a NuGet.config are relative to the file. The user's own sources still apply (merged
        // from the user-level configuration) for the packages' dependencies.
        await File.WriteAllTextAsync(Path.Combine(Root, "NuGet.config"), """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="websocketproxy-local" value="feed" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="packages" />
              </config>
            </configuration>
            """);

        // --no-build: the packages hold exactly what the test run built (this project references every packed one).
        await DotnetCommand.RunDotnetAsync(
            Root,
            "pack", RepositoryLayout.Solution, "-c", RepositoryLayout.Configuration, "--no-build", "-o", Feed,
            $"-p:PackageVersion={Version}", "-nodeReuse:false");
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process of the test may still hold a file; the folder is in the temporary directory.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Task.CompletedTask;
    }
}

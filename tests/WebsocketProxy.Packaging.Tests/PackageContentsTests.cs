using System.Text.Json;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Packaging.Tests;

/// <summary>What `dotnet pack` puts in each package: the files a consumer's build or `dotnet tool install` needs.</summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackageContentsTests(PackedFeed feed)
{
    public static TheoryData<string> Libraries => new()
    {
        "WebsocketProxy.Ipc", "WebsocketProxy.Protocol", "WebsocketProxy.Client", "WebsocketProxy.Streaming", "WebsocketProxy.Alpaca", "WebsocketProxy.Alpaca.Simulator",
    };

    public static TheoryData<string> AllPackages => new()
    {
        "WebsocketProxy.Ipc", "WebsocketProxy.Protocol", "WebsocketProxy.Client", "WebsocketProxy.Streaming", "WebsocketProxy.Alpaca", "WebsocketProxy.Alpaca.Simulator",
        "WebsocketProxy.Server", "WebsocketProxy.Alpaca.Simulator.Tool", "WebsocketProxy.Alpaca.Gateway",
    };

    [PlatformTheory(TestPlatforms.Linux, "the packed feed is built by the Linux-only fixture of this assembly")]
    [MemberData(nameof(AllPackages))]
    public void Package_CarriesLicenseReadmeAndDescription(string id)
    {
        using var package = new PackageReader(feed.PackageFile(id));

        Assert.Equal(id, package.Value("id"));
        Assert.Equal(feed.Version, package.Value("version"));
        Assert.Equal("MIT", package.Value("license"));
        Assert.Equal("README.md", package.Value("readme"));
        Assert.Contains("README.md", package.Entries);
        Assert.Contains("one upstream", package.ReadText("README.md"), StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrWhiteSpace(package.Value("description")));
    }

    [PlatformTheory(TestPlatforms.Linux, "the packed feed is built by the Linux-only fixture of this assembly")]
    [MemberData(nameof(Libraries))]
    public void Library_HasItsAssemblyAndDocs_AndASymbolPackage(string id)
    {
        using var package = new PackageReader(feed.PackageFile(id));

        Assert.Contains($"lib/net10.0/{id}.dll", package.Entries);
        Assert.Contains($"lib/net10.0/{id}.xml", package.Entries);
        Assert.True(File.Exists(Path.Combine(feed.Feed, $"{id}.{feed.Version}.snupkg")), $"{id} has no symbol package.");
    }

    [PlatformFact(TestPlatforms.Linux, "the packed feed is built by the Linux-only fixture of this assembly")]
    public void Alpaca_CarriesTheStreamGenerator_WhereCompilersLookForIt()
    {
        using var package = new PackageReader(feed.PackageFile("WebsocketProxy.Alpaca"));

        const string Generator = "analyzers/dotnet/cs/WebsocketProxy.Generators.dll";
        Assert.Contains(Generator, package.Entries);
        var (types, references) = package.ReadAssembly(Generator);
        Assert.Contains("WebsocketProxy.Generators.StreamGenerator", types);

        // Compilers load generators on netstandard2.0 with Roslyn's assemblies supplied by the compiler itself.
        Assert.Contains("netstandard", references);
        Assert.Contains("Microsoft.CodeAnalysis", references);
        Assert.DoesNotContain(package.Entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && e.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));

        // The generator is inside, so no package dependency names it; the runtime it generates for is one.
        Assert.DoesNotContain(package.Dependencies, d => d.Id == "WebsocketProxy.Generators");
        Assert.Contains(("WebsocketProxy.Streaming", feed.Version), package.Dependencies);
    }

    [PlatformFact(TestPlatforms.Linux, "the packed feed is built by the Linux-only fixture of this assembly")]
    public void LibraryDependencies_FollowTheLayers()
    {
        using var protocol = new PackageReader(feed.PackageFile("WebsocketProxy.Protocol"));
        using var client = new PackageReader(feed.PackageFile("WebsocketProxy.Client"));
        using var streaming = new PackageReader(feed.PackageFile("WebsocketProxy.Streaming"));
        using var simulator = new PackageReader(feed.PackageFile("WebsocketProxy.Alpaca.Simulator"));

        Assert.Contains(("WebsocketProxy.Ipc", feed.Version), protocol.Dependencies);
        Assert.DoesNotContain(protocol.Dependencies, d => d.Id == "WebsocketProxy.Client");
        Assert.Contains(("WebsocketProxy.Protocol", feed.Version), client.Dependencies);
        Assert.Contains(("WebsocketProxy.Ipc", feed.Version), client.Dependencies);
        Assert.Contains(("WebsocketProxy.Client", feed.Version), streaming.Dependencies);
        Assert.Contains("Microsoft.AspNetCore.App", simulator.FrameworkReferences);
        Assert.DoesNotContain(simulator.Dependencies, d => d.Id.StartsWith("WebsocketProxy", StringComparison.Ordinal));
    }

    [PlatformTheory(TestPlatforms.Linux, "the packed feed is built by the Linux-only fixture of this assembly")]
    [InlineData("WebsocketProxy.Server", "websocket-proxy", "WebsocketProxy.Protocol")]
    [InlineData("WebsocketProxy.Alpaca.Simulator.Tool", "alpaca-simulator", "WebsocketProxy.Alpaca.Simulator")]
    [InlineData("WebsocketProxy.Alpaca.Gateway", "alpaca-gateway", "WebsocketProxy.Alpaca")]
    public void Tool_IsADotnetTool_WithItsCommandAndEverythingItLoads(string id, string command, string library)
    {
        using var package = new PackageReader(feed.PackageFile(id));

        Assert.Equal(["DotnetTool"], package.PackageTypes);
        Assert.Empty(package.Dependencies);
        var settings = package.ReadText("tools/net10.0/any/DotnetToolSettings.xml");
        Assert.Contains($"Name=\"{command}\"", settings, StringComparison.Ordinal);
        Assert.Contains($"EntryPoint=\"{command}.dll\"", settings, StringComparison.Ordinal);
        Assert.Contains($"tools/net10.0/any/{command}.dll", package.Entries);
        Assert.Contains($"tools/net10.0/any/{command}.runtimeconfig.json", package.Entries);

        // A tool is installed alone: every assembly its deps.json loads must be in the package.
        using var deps = JsonDocument.Parse(package.ReadText($"tools/net10.0/any/{command}.deps.json"));
        var runtimeAssemblies = deps.RootElement.GetProperty("targets").EnumerateObject().Single().Value.EnumerateObject()
            .Where(library => library.Value.TryGetProperty("runtime", out _))
            .SelectMany(library => library.Value.GetProperty("runtime").EnumerateObject().Select(file => Path.GetFileName(file.Name)))
            .ToList();
        Assert.Contains($"{command}.dll", runtimeAssemblies);
        foreach (var assembly in runtimeAssemblies)
        {
            Assert.Contains($"tools/net10.0/any/{assembly}", package.Entries);
        }

        // The product's own library the tool runs on is packed inside, not a package dependency.
        Assert.Contains($"tools/net10.0/any/{library}.dll", package.Entries);
    }
}

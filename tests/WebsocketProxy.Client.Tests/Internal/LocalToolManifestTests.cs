using WebsocketProxy.Client.Internal;

namespace WebsocketProxy.Client.Tests.Internal;

/// <summary>Finding websocket-proxy installed as a local tool: real manifests and package folders on disk.</summary>
public sealed class LocalToolManifestTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wsp-localtool-").FullName;

    private string Packages => Path.Combine(_root, "packages");

    [Fact]
    public void Find_ManifestAboveTheWorkingDirectory_GivesTheRestoredToolsEntryAssembly()
    {
        WriteManifest(Path.Combine(_root, "repo", ".config"), """{ "version": 1, "isRoot": true, "tools": { "WebsocketProxy.Server": { "version": "1.2.3-Beta", "commands": ["websocket-proxy"] } } }""");
        var entry = Restore("websocketproxy.server", "1.2.3-beta", "net10.0");
        var start = Directory.CreateDirectory(Path.Combine(_root, "repo", "src", "strategy")).FullName;

        Assert.Equal([entry], LocalToolManifest.Find(start, "websocket-proxy", Packages));
    }

    [Fact]
    public void Find_NotRestored_StillNamesWhereTheToolWouldBe()
    {
        WriteManifest(_root, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "2.0.0", "commands": ["websocket-proxy"] } } }""");

        var path = Assert.Single(LocalToolManifest.Find(_root, "websocket-proxy", Packages));

        Assert.Equal(Path.Combine(Packages, "websocketproxy.server", "2.0.0", "tools", "net10.0", "any", "websocket-proxy.dll"), path);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Find_RootManifestWithoutTheTool_HidesManifestsAboveIt()
    {
        WriteManifest(_root, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        var inner = Path.Combine(_root, "inner");
        WriteManifest(inner, """{ "version": 1, "isRoot": true, "tools": { "dotnet-ef": { "version": "9.0.0", "commands": ["dotnet-ef"] } } }""");

        Assert.Empty(LocalToolManifest.Find(inner, "websocket-proxy", Packages));
        Assert.Single(LocalToolManifest.Find(_root, "websocket-proxy", Packages));
    }

    [Fact]
    public void Find_MalformedOrForeignManifests_AreSkipped_AndTheSearchGoesOn()
    {
        WriteManifest(_root, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        var broken = Path.Combine(_root, "a");
        WriteManifest(broken, "{ this is not json");
        var foreign = Path.Combine(broken, "b", ".config");
        WriteManifest(foreign, """{ "version": 1, "tools": { "other": { "version": 3, "commands": "websocket-proxy" } } }""");
        var entry = Restore("websocketproxy.server", "1.0.0", "net10.0");

        Assert.Equal([entry], LocalToolManifest.Find(Path.Combine(broken, "b"), "websocket-proxy", Packages));
    }

    [Fact]
    public void Find_NearestManifestPinsTheVersion_EvenWhenNotRestored()
    {
        WriteManifest(_root, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        Restore("websocketproxy.server", "1.0.0", "net10.0");
        var inner = Path.Combine(_root, "inner");
        WriteManifest(inner, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "2.0.0", "commands": ["websocket-proxy"] } } }""");

        var path = Assert.Single(LocalToolManifest.Find(inner, "websocket-proxy", Packages));

        Assert.Contains(Path.Combine("websocketproxy.server", "2.0.0"), path, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_SeveralFrameworks_NewestFirst()
    {
        WriteManifest(_root, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        var older = Restore("websocketproxy.server", "1.0.0", "net9.0");
        var newer = Restore("websocketproxy.server", "1.0.0", "net10.0");

        Assert.Equal([newer, older], LocalToolManifest.Find(_root, "websocket-proxy", Packages));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void WriteManifest(string directory, string json)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "dotnet-tools.json"), json);
    }

    private string Restore(string id, string version, string framework)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Packages, id, version, "tools", framework, "any")).FullName;
        var entry = Path.Combine(directory, "websocket-proxy.dll");
        File.WriteAllBytes(entry, []);
        return entry;
    }
}

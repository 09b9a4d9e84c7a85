using System.Runtime.Versioning;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Tests.Shared;

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

    [Theory]
    [InlineData("/PLANTED/evil")]
    [InlineData("../../evil")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("evil\n")]
    public void Find_PackageIdNotANuGetId_IsIgnoredWithAWarning(string id)
    {
        // A rooted id would replace the packages folder in Path.Combine; one with .. would climb out of it.
        var planted = Path.Combine(_root, "planted");
        id = id.Replace("/PLANTED", planted, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(Packages, "inner", "deeper"));
        WriteManifest(_root, $$"""{ "version": 1, "tools": { {{System.Text.Json.JsonSerializer.Serialize(id)}}: { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        Directory.CreateDirectory(Path.Combine(planted, "evil", "1.0.0", "tools", "net10.0", "any"));
        File.WriteAllBytes(Path.Combine(planted, "evil", "1.0.0", "tools", "net10.0", "any", "websocket-proxy.dll"), []);
        var warnings = new List<string>();

        Assert.Empty(LocalToolManifest.Find(_root, "websocket-proxy", Packages, warnings.Add));
        Assert.Contains("not a valid NuGet package id and version", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../../evil")]
    [InlineData("1.0.0/../../..")]
    [InlineData("/tmp")]
    [InlineData("1.0.0.0.0")]
    [InlineData("v1")]
    public void Find_VersionNotANuGetVersion_IsIgnoredWithAWarning(string version)
    {
        WriteManifest(_root, $$"""{ "version": 1, "tools": { "websocketproxy.server": { "version": {{System.Text.Json.JsonSerializer.Serialize(version)}}, "commands": ["websocket-proxy"] } } }""");
        var warnings = new List<string>();

        Assert.Empty(LocalToolManifest.Find(_root, "websocket-proxy", Packages, warnings.Add));
        Assert.Single(warnings);
    }

    [Theory]
    [InlineData("1.0", "1.0.0")]
    [InlineData("1.2.3+sha.abc", "1.2.3")]
    [InlineData("1.2.3.4-RC.1", "1.2.3.4-rc.1")]
    [InlineData("01.2.3", "1.2.3")]
    public void Find_VersionInAnotherSpelling_UsesNuGetsFolderName(string version, string folder)
    {
        WriteManifest(_root, $$"""{ "version": 1, "tools": { "websocketproxy.server": { "version": "{{version}}", "commands": ["websocket-proxy"] } } }""");
        var entry = Restore("websocketproxy.server", folder, "net10.0");

        Assert.Equal([entry], LocalToolManifest.Find(_root, "websocket-proxy", Packages));
    }

    [Fact]
    public void Find_EntryAssemblySymlinkedOutOfThePackagesFolder_IsIgnoredWithAWarning()
    {
        WriteManifest(_root, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        var outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        File.WriteAllBytes(Path.Combine(outside, "websocket-proxy.dll"), []);
        var framework = Directory.CreateDirectory(Path.Combine(Packages, "websocketproxy.server", "1.0.0", "tools", "net10.0")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(framework, "any"), outside);
        var warnings = new List<string>();

        Assert.Empty(LocalToolManifest.Find(_root, "websocket-proxy", Packages, warnings.Add));
        Assert.Contains("out of the packages folder", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Find_SymlinkInsideThePackagesFolder_IsFollowed()
    {
        WriteManifest(_root, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        Restore("websocketproxy.server", "0.9.0", "net10.0");
        Directory.CreateDirectory(Path.Combine(Packages, "websocketproxy.server"));
        Directory.CreateSymbolicLink(Path.Combine(Packages, "websocketproxy.server", "1.0.0"), Path.Combine(Packages, "websocketproxy.server", "0.9.0"));

        Assert.Single(LocalToolManifest.Find(_root, "websocket-proxy", Packages));
    }

    [PlatformFact(TestPlatforms.Unix, "file modes")]
    [UnsupportedOSPlatform("windows")]
    public void Find_ManifestWritableByEveryone_IsIgnoredWithAWarning()
    {
        var directory = Path.Combine(_root, "shared");
        WriteManifest(directory, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        Restore("websocketproxy.server", "1.0.0", "net10.0");
        var manifest = Path.Combine(directory, "dotnet-tools.json");
        File.SetUnixFileMode(manifest, File.GetUnixFileMode(manifest) | UnixFileMode.OtherWrite);
        var warnings = new List<string>();

        Assert.Empty(LocalToolManifest.Find(directory, "websocket-proxy", Packages, warnings.Add));
        Assert.Contains("the file can be written by other users (mode 0646)", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [OtherUserFact]
    [UnsupportedOSPlatform("windows")]
    public void Find_ManifestWritableByASharedGroup_IsIgnoredWithAWarning()
    {
        using var other = OtherUser.Create();
        var directory = Path.Combine(_root, "team");
        WriteManifest(directory, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        Restore("websocketproxy.server", "1.0.0", "net10.0");
        var manifest = Path.Combine(directory, "dotnet-tools.json");
        other.ShareGroup(manifest);
        File.SetUnixFileMode(manifest, File.GetUnixFileMode(manifest) | UnixFileMode.GroupWrite);
        var warnings = new List<string>();

        Assert.Empty(LocalToolManifest.Find(directory, "websocket-proxy", Packages, warnings.Add));
        Assert.Contains($"the file can be written by other users of its group (gid {other.Gid}, mode 0664)", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [OtherUserFact]
    [UnsupportedOSPlatform("windows")]
    public void Find_GroupWritableWithTheUsersPrivateGroup_IsFollowed()
    {
        // umask 002 on a system with user private groups (Ubuntu's default): 0775 folders, 0664 files, and the
        // group is the user's alone. (As root here: root's group is private to root on this machine.)
        Assert.True(UserPrivateGroup.IsPrivate(0), "Root's group is expected to be private to root on the test machine.");
        var directory = Path.Combine(_root, "umask002");
        WriteManifest(Path.Combine(directory, ".config"), """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        var entry = Restore("websocketproxy.server", "1.0.0", "net10.0");
        File.SetUnixFileMode(directory, (UnixFileMode)Convert.ToInt32("775", 8));
        File.SetUnixFileMode(Path.Combine(directory, ".config"), (UnixFileMode)Convert.ToInt32("775", 8));
        File.SetUnixFileMode(Path.Combine(directory, ".config", "dotnet-tools.json"), (UnixFileMode)Convert.ToInt32("664", 8));
        var warnings = new List<string>();

        Assert.Equal([entry], LocalToolManifest.Find(directory, "websocket-proxy", Packages, warnings.Add));
        Assert.Empty(warnings);
    }

    [PlatformFact(TestPlatforms.Unix, "file modes")]
    [UnsupportedOSPlatform("windows")]
    public void Find_ManifestInAFolderOthersCanWrite_IsIgnored_AndTheSearchGoesOn()
    {
        // As in /tmp (1777): anyone could have put it there, so it must neither run anything nor hide the user's own manifest.
        WriteManifest(_root, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        var entry = Restore("websocketproxy.server", "1.0.0", "net10.0");
        var shared = Path.Combine(_root, "shared");
        WriteManifest(Path.Combine(shared, ".config"), """{ "version": 1, "isRoot": true, "tools": { "websocketproxy.server": { "version": "6.6.6", "commands": ["websocket-proxy"] } } }""");
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("1777", 8));
        var warnings = new List<string>();

        Assert.Equal([entry], LocalToolManifest.Find(shared, "websocket-proxy", Packages, warnings.Add));
        Assert.Contains($"the folder {shared} can be written by other users (mode 1777)", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [PlatformTheory(TestPlatforms.Unix, "FIFOs and file modes")]
    [InlineData(false)]
    [InlineData(true)]
    [UnsupportedOSPlatform("windows")]
    public async Task Find_ManifestIsAFifo_IsIgnoredWithoutOpeningIt(bool inAFolderOthersCanWrite)
    {
        // Opening a FIFO for reading blocks until someone writes: another user could stall every client below it.
        var directory = Directory.CreateDirectory(Path.Combine(_root, "fifo")).FullName;
        var manifest = Path.Combine(directory, "dotnet-tools.json");
        MakeFifo(manifest);
        if (inAFolderOthersCanWrite)
        {
            File.SetUnixFileMode(directory, (UnixFileMode)Convert.ToInt32("1777", 8));
        }

        var warnings = new List<string>();
        var find = Task.Run(() => LocalToolManifest.Find(directory, "websocket-proxy", Packages, warnings.Add).ToList());
        try
        {
            Assert.Empty(await find.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains(inAFolderOthersCanWrite ? "can be written by other users" : "it is not a regular file", Assert.Single(warnings), StringComparison.Ordinal);
        }
        finally
        {
            if (!find.IsCompleted)
            {
                // Let the blocked reader go (a writer opening the FIFO ends its wait) before failing.
                await File.WriteAllTextAsync(manifest, "{}");
            }
        }
    }

    [OtherUserFact]
    public void Find_ManifestOwnedByAnotherUser_IsIgnoredWithAWarning()
    {
        using var other = OtherUser.Create();
        var project = Path.Combine(_root, "theirs");
        WriteManifest(project, """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        Restore("websocketproxy.server", "1.0.0", "net10.0");
        other.Own(Path.Combine(project, "dotnet-tools.json"));
        var warnings = new List<string>();

        Assert.Empty(LocalToolManifest.Find(project, "websocket-proxy", Packages, warnings.Add));
        Assert.Contains($"the file belongs to another user (uid {other.Uid})", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [OtherUserFact]
    public void Find_ManifestInAFolderOfAnotherUser_IsIgnoredWithAWarning()
    {
        using var other = OtherUser.Create();
        var project = Path.Combine(_root, "theirs");
        WriteManifest(Path.Combine(project, ".config"), """{ "version": 1, "tools": { "websocketproxy.server": { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        Restore("websocketproxy.server", "1.0.0", "net10.0");
        other.Own(Path.Combine(project, ".config"));
        var warnings = new List<string>();

        Assert.Empty(LocalToolManifest.Find(project, "websocket-proxy", Packages, warnings.Add));
        Assert.Contains("belongs to another user", Assert.Single(warnings), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static void MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

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

using System.Runtime.Versioning;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Server.Logging;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Server.Tests.Logging;

/// <summary>The proxy's log file in a folder others can write to: real files, links and a real second user.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class FileLoggerProviderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wsp-log-").FullName;

    [PlatformFact(TestPlatforms.Unix, "file modes")]
    public void Constructor_PathIsASymbolicLink_RefusesWithAClearError_AndLeavesTheTargetAlone()
    {
        var target = Path.Combine(_folder, "victim");
        File.WriteAllText(target, "precious\n");
        var link = Path.Combine(_folder, "proxy.log");
        File.CreateSymbolicLink(link, target);

        var error = Assert.Throws<IOException>(() => new FileLoggerProvider(link, TimeProvider.System));

        Assert.Contains("is a symbolic link; refusing to follow it", error.Message, StringComparison.Ordinal);
        Assert.Equal("precious\n", File.ReadAllText(target));
    }

    [PlatformFact(TestPlatforms.Unix, "file modes")]
    public void Constructor_DanglingSymbolicLink_CreatesNothingWhereItPoints()
    {
        var target = Path.Combine(_folder, "created-by-the-link");
        var link = Path.Combine(_folder, "proxy.log");
        File.CreateSymbolicLink(link, target);

        Assert.Throws<IOException>(() => new FileLoggerProvider(link, TimeProvider.System));

        Assert.False(File.Exists(target));
    }

    [PlatformFact(TestPlatforms.Unix, "file modes")]
    public void Constructor_ExistingFileReadableByOthers_NarrowsItTo0600_AndAppends()
    {
        var path = Path.Combine(_folder, "proxy.log");
        File.WriteAllText(path, "earlier\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using (var provider = new FileLoggerProvider(path, TimeProvider.System))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            provider.CreateLogger("test").LogInformation("later");
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal("earlier", lines[0]);
        Assert.EndsWith("test: later", lines[1], StringComparison.Ordinal);
    }

    [PlatformFact(TestPlatforms.Unix, "file modes")]
    public void Constructor_NewFile_IsCreated0600()
    {
        var path = Path.Combine(_folder, "new.log");

        using (new FileLoggerProvider(path, TimeProvider.System))
        {
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [OtherUserFact]
    public void Constructor_FileOfAnotherUser_Refuses_AndKeepsItsMode()
    {
        using var other = OtherUser.Create();
        var path = Path.Combine(_folder, "theirs.log");
        File.WriteAllText(path, string.Empty);
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("666", 8));
        other.Own(path);

        var error = Assert.Throws<IOException>(() => new FileLoggerProvider(path, TimeProvider.System));

        Assert.Contains($"belongs to another user (uid {other.Uid})", error.Message, StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)Convert.ToInt32("666", 8), File.GetUnixFileMode(path));
        Assert.Equal(0, new FileInfo(path).Length);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

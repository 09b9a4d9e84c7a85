using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Platform;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Support;

public sealed class PathsTests
{
    [PlatformFact(TestPlatforms.Linux, "uids name Linux's directories")]
    [SupportedOSPlatform("linux")]
    public void ForUser_TwoUsers_SeparateDirectories()
    {
        Assert.Equal("/dev/shm/wsproxy-1000/proxy", IpcPaths.ForUser("proxy", 1000));
        Assert.NotEqual(Path.GetDirectoryName(IpcPaths.ForUser("proxy", 1000)), Path.GetDirectoryName(IpcPaths.ForUser("proxy", 1001)));
    }

    [NativeBackendFact("it checks the native root under /dev/shm", RunsOn = TestPlatforms.Linux)]
    [SupportedOSPlatform("linux")]
    public void RootDirectory_CurrentUser_DependsOnTheEffectiveUidOnly()
    {
        var path = IpcPaths.ForUser("abc");

        // Not $XDG_RUNTIME_DIR: processes of one user with and without it must meet (see the proxy's process tests).
        Assert.Equal($"/dev/shm/wsproxy-{IpcPaths.CurrentUserId}", IpcPaths.RootDirectory);
        Assert.Equal(Path.Combine(IpcPaths.RootDirectory, "abc"), path);
        Assert.Equal(Environment.GetEnvironmentVariable("USER") == "root" ? 0 : IpcPaths.CurrentUserId, IpcPaths.CurrentUserId);
    }

    [PlatformFact(TestPlatforms.Unix, "file modes")]
    [UnsupportedOSPlatform("windows")]
    public void EnsureRootDirectory_Always_PrivateDirectoryOfThisUser()
    {
        Assert.Equal(IpcPaths.RootDirectory, IpcPaths.EnsureRootDirectory());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(IpcPaths.RootDirectory));
    }

    [NativeRowsTheory]
    [BackendData(IpcBackend.Native)]
    public void ForUser_EachBackend_OwnDirectoryThatNamesTheBackend(IpcBackend nativeBackend)
    {
        var native = IpcPaths.ForUser("abc", nativeBackend);
        var portable = IpcPaths.ForUser("abc", IpcBackend.Portable);

        Assert.NotEqual(Path.GetDirectoryName(native), Path.GetDirectoryName(portable));
        Assert.Equal(Path.Combine(Path.GetTempPath(), $"wsproxy-{Environment.UserName}-portable", "abc"), portable);
        Assert.Equal(IpcBackend.Native, IpcPlatform.ForPath(native).Backend);
        Assert.Equal(IpcBackend.Portable, IpcPlatform.ForPath(portable).Backend);
        Assert.Equal(IpcBackend.Native, IpcPlatform.ForPath("/somewhere/else").Backend);
    }

    [Theory]
    [InlineData("native", IpcBackend.Native)]
    [InlineData("Portable", IpcBackend.Portable)]
    [InlineData(" PORTABLE ", IpcBackend.Portable)]
    public void Parse_KnownName_ReturnsTheBackend(string name, IpcBackend expected) =>
        Assert.Equal(expected, IpcBackendSelection.Parse(name));

    [Fact]
    public void Parse_UnknownName_ThrowsSayingWhatIsAccepted() =>
        Assert.Contains("'native' or 'portable'", Assert.Throws<ArgumentException>(() => IpcBackendSelection.Parse("shm")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("")]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("sp ace")]
    public void ForUser_BadName_ThrowsArgumentException(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => IpcPaths.ForUser(name));

    [PlatformFact(TestPlatforms.Unix, "file modes")]
    [UnsupportedOSPlatform("windows")]
    public void Create_RingAndLease_AreMode0600()
    {
        using var ring = new TempRing();
        using var writer = BroadcastWriter.Create(ring.Path);
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        Assert.Equal(Private, File.GetUnixFileMode(ring.Path));
        Assert.Equal(Private, File.GetUnixFileMode(ring.Path + ".lease"));
    }
}

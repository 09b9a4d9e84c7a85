namespace WebsocketProxy.Ipc.Tests.Support;

public sealed class PathsTests
{
    [Fact]
    public void FileName_TwoUsers_NeverCollide()
    {
        Assert.NotEqual(IpcPaths.FileName("proxy", 1000), IpcPaths.FileName("proxy", 1001));
        Assert.Equal("wsproxy-1000-proxy", IpcPaths.FileName("proxy", 1000));
        Assert.NotEqual(IpcPaths.FileName("1-x", 100), IpcPaths.FileName("x", 1001));
    }

    [Fact]
    public void ForUser_CurrentUser_UsesEffectiveUidUnderRoot()
    {
        var path = IpcPaths.ForUser("abc");

        Assert.Equal(Path.Combine(IpcPaths.RootDirectory, $"wsproxy-{IpcPaths.CurrentUserId}-abc"), path);
        Assert.Equal(Environment.GetEnvironmentVariable("USER") == "root" ? 0 : IpcPaths.CurrentUserId, IpcPaths.CurrentUserId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../etc")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("sp ace")]
    public void ForUser_BadName_ThrowsArgumentException(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => IpcPaths.ForUser(name));

    [Fact]
    public void Create_RingAndLease_AreMode0600()
    {
        using var ring = new TempRing();
        using var writer = BroadcastWriter.Create(ring.Path);
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        Assert.Equal(Private, File.GetUnixFileMode(ring.Path));
        Assert.Equal(Private, File.GetUnixFileMode(ring.Path + ".lease"));
    }
}

using System.Diagnostics;
using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Platform.Linux;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Platform.Linux;

/// <summary>
/// Files are used only in a directory private to this user and never through a link: another user cannot block or
/// read them by planting directories, files or links under the predictable names. Each test works in a directory of
/// its own under /dev/shm, not in the real per-user root other tests share.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PrivateFilesTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _directory = Path.Combine("/dev/shm", "wsp-test-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly string _elsewhere = Path.Combine("/dev/shm", "wsp-test-" + Guid.NewGuid().ToString("N")[..12]);

    [PlatformFact(TestPlatforms.Linux, "the Linux back-end's files under /dev/shm")]
    public void MessageRingCreate_MissingDirectory_CreatesDirectory0700AndFile0600()
    {
        using var ring = MessageRing.Create(In("ring"), 4096);

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(_directory));
        Assert.Equal(Private, File.GetUnixFileMode(In("ring")));
    }

    [PlatformFact(TestPlatforms.Linux, "the Linux back-end's files under /dev/shm")]
    public void LeaseAcquire_DirectoryOpenToOthers_RefusesNamingPathAndMode()
    {
        Directory.CreateDirectory(_directory);
        File.SetUnixFileMode(_directory, PrivateDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var error = Assert.Throws<UnauthorizedAccessException>(() => Lease.Acquire(In("x.lock")));

        Assert.Contains($"'{_directory}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("0755", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(In("x.lock")));
    }

    [PlatformFact(TestPlatforms.Linux, "the Linux back-end's files under /dev/shm")]
    public void MessageRingCreate_DirectoryIsSymbolicLink_RefusesAndWritesNothingThere()
    {
        Directory.CreateDirectory(_elsewhere);
        File.SetUnixFileMode(_elsewhere, PrivateDirectory);
        File.CreateSymbolicLink(_directory, _elsewhere);

        var error = Assert.Throws<UnauthorizedAccessException>(() => MessageRing.Create(In("ring"), 4096));

        Assert.Contains($"'{_directory}' is a symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_elsewhere));
    }

    [PlatformFact(TestPlatforms.Linux, "the Linux back-end's files under /dev/shm")]
    public void Open_FileIsSymbolicLink_RefusesWithoutFollowing()
    {
        using (var target = MessageRing.Create(Path.Combine(_elsewhere, "real"), 4096))
        {
        }

        Directory.CreateDirectory(_directory);
        File.SetUnixFileMode(_directory, PrivateDirectory);
        File.CreateSymbolicLink(In("ring"), Path.Combine(_elsewhere, "real"));
        File.CreateSymbolicLink(In("x.lock"), Path.Combine(_elsewhere, "real"));

        Assert.Contains("symbolic link", Assert.Throws<UnauthorizedAccessException>(() => MessageRing.Open(In("ring"))).Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", Assert.Throws<UnauthorizedAccessException>(() => Lease.IsHeld(In("x.lock"))).Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", Assert.Throws<UnauthorizedAccessException>(() => Lease.Acquire(In("x.lock"))).Message, StringComparison.Ordinal);
    }

    [PlatformFact(TestPlatforms.Linux, "the Linux back-end's files under /dev/shm")]
    public void CreateNew_NameTaken_FailsInsteadOfOpeningIt()
    {
        Directory.CreateDirectory(_directory);
        File.SetUnixFileMode(_directory, PrivateDirectory);
        File.WriteAllBytes(In("taken"), [1, 2, 3]);
        File.SetUnixFileMode(In("taken"), Private);

        Assert.Throws<IOException>(() => LinuxSharedMemory.CreateNew(In("taken"), 4096));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(In("taken")));
    }

    // What Lease.TryAcquire relies on to notice it locked a lock file that its holder deleted meanwhile.
    [PlatformFact(TestPlatforms.Linux, "the Linux back-end's files under /dev/shm")]
    public void StillNamed_FileReplacedAfterOpen_False()
    {
        var path = In("x.lock");
        using var lease = Lease.Acquire(path);
        var fd = PrivateFiles.Open(path, PrivateFiles.Disposition.OpenExisting, writable: false);
        try
        {
            Assert.True(PrivateFiles.StillNamed(fd, path));
            File.Delete(path);
            Assert.False(PrivateFiles.StillNamed(fd, path));
            Lease.Acquire(path).Dispose();
            Assert.False(PrivateFiles.StillNamed(fd, path));
        }
        finally
        {
            _ = LibC.Close(fd);
        }
    }

    [OtherUserFact]
    public void LeaseTryAcquire_DirectoryOwnedByAnotherUser_RefusesNamingPathAndOwner()
    {
        using var other = OtherUser.Create();
        Directory.CreateDirectory(_directory);
        File.SetUnixFileMode(_directory, PrivateDirectory);
        Chown(other, _directory);

        var error = Assert.Throws<UnauthorizedAccessException>(() => Lease.TryAcquire(In("x.lock"), out _));

        Assert.Contains($"'{_directory}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(other.Name, error.Message, StringComparison.Ordinal);
    }

    [OtherUserFact]
    public void Open_FileOwnedByAnotherUser_RefusesNamingOwner()
    {
        using var other = OtherUser.Create();
        using (MessageRing.Create(In("ring"), 4096))
        {
        }

        Lease.Acquire(In("x.lock")).Dispose();
        Chown(other, In("ring"));
        Chown(other, In("x.lock"));

        Assert.Contains(other.Name, Assert.Throws<UnauthorizedAccessException>(() => MessageRing.Open(In("ring"))).Message, StringComparison.Ordinal);
        Assert.Contains(other.Name, Assert.Throws<UnauthorizedAccessException>(() => Lease.IsHeld(In("x.lock"))).Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var path in new[] { _directory, _elsewhere })
        {
            if (new FileInfo(path).LinkTarget is not null)
            {
                File.Delete(path);
            }
            else if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private string In(string name) => Path.Combine(_directory, name);

    private static void Chown(OtherUser user, string path)
    {
        using var chown = Process.Start("/bin/chown", [user.Name, path])!;
        Assert.True(chown.WaitForExit(TimeSpan.FromSeconds(30)) && chown.ExitCode == 0, $"chown {user.Name} {path} failed.");
    }
}

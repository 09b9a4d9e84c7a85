using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Platform.Portable;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Platform.Portable;

/// <summary>
/// The portable back-end's directory and files, with .NET alone: a private directory (0700, not a link) and private
/// files (0600, not links) or a refusal. Each test works in a directory of its own, not in the real portable root.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PortableFilesTests : IDisposable
{
    private const UnixFileMode PrivateDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), $"wsproxy-portable-test-{Guid.NewGuid():N}");
    private readonly PortableDirectory _directory;

    public PortableFilesTests()
    {
        Directory.CreateDirectory(_scratch);
        _directory = new PortableDirectory(Path.Combine(_scratch, "root"));
    }

    [PlatformFact(TestPlatforms.Unix, "file modes (Windows has ACLs)")]
    public void EnsureRootDirectory_Missing_CreatesItWithMode0700()
    {
        _directory.EnsureRootDirectory();

        Assert.Equal(PrivateDirectory, File.GetUnixFileMode(_directory.RootDirectory));
    }

    [PlatformFact(TestPlatforms.Unix, "file modes (Windows has ACLs)")]
    public void EnsureRootDirectory_OpenToOthers_RefusesNamingTheMode()
    {
        Directory.CreateDirectory(_directory.RootDirectory, PrivateDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var refusal = Assert.Throws<UnauthorizedAccessException>(_directory.EnsureRootDirectory);
        Assert.Contains("mode 0755", refusal.Message, StringComparison.Ordinal);
    }

    [PlatformFact(TestPlatforms.Unix, "file modes (Windows has ACLs)")]
    public void EnsureRootDirectory_SymbolicLinkToAPrivateDirectory_RefusesToFollowIt()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_scratch, "elsewhere"), PrivateDirectory);
        Directory.CreateSymbolicLink(_directory.RootDirectory, elsewhere.FullName);

        Assert.Contains("symbolic link", Assert.Throws<UnauthorizedAccessException>(_directory.EnsureRootDirectory).Message, StringComparison.Ordinal);
    }

    [PlatformFact(TestPlatforms.Unix, "file modes (Windows has ACLs)")]
    public void Open_NewFile_IsCreatedWithMode0600()
    {
        var path = Path.Combine(_directory.RootDirectory, "new");
        using (PortableFiles.Open(_directory, path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.Equal(PrivateFile, File.GetUnixFileMode(path));
        }
    }

    [PlatformFact(TestPlatforms.Unix, "file modes (Windows has ACLs)")]
    public void Open_ExistingFileOpenToOthers_Refuses()
    {
        _directory.EnsureRootDirectory();
        var path = Path.Combine(_directory.RootDirectory, "open");
        File.WriteAllBytes(path, [1]);
        File.SetUnixFileMode(path, PrivateFile | UnixFileMode.OtherRead);

        var refusal = Assert.Throws<UnauthorizedAccessException>(() => PortableFiles.Open(_directory, path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        Assert.Contains("mode 0604", refusal.Message, StringComparison.Ordinal);
    }

    [PlatformFact(TestPlatforms.Unix, "file modes (Windows has ACLs)")]
    public void Open_SymbolicLinkInTheDirectory_RefusesToFollowIt()
    {
        _directory.EnsureRootDirectory();
        var target = Path.Combine(_scratch, "target");
        File.WriteAllBytes(target, [1]);
        File.SetUnixFileMode(target, PrivateFile);
        var path = Path.Combine(_directory.RootDirectory, "link");
        File.CreateSymbolicLink(path, target);

        Assert.Throws<UnauthorizedAccessException>(() => PortableFiles.Open(_directory, path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
    }

    [PlatformFact(TestPlatforms.Unix, "file modes (Windows has ACLs)")]
    public void Open_MissingFileInAMissingDirectory_ReturnsNullWithoutCreatingAnything()
    {
        Assert.Null(PortableFiles.Open(_directory, Path.Combine(_directory.RootDirectory, "absent"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        Assert.False(Directory.Exists(_directory.RootDirectory));
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}

using System.Security.Cryptography;

namespace WebsocketProxy.Ipc.Platform.Portable;

/// <summary>
/// Regions are files of the portable directory mapped with <see cref="System.IO.MemoryMappedFiles.MemoryMappedFile"/>:
/// built under a temporary <c>.new-&lt;random&gt;</c> name (created exclusively, 0600, its space reserved up front) and
/// moved into place. Files stay open for reading, writing and deleting by others of this user, as the rings need.
/// </summary>
internal sealed class PortableSharedMemory : ISharedMemory
{
    private const FileShare Shared = FileShare.ReadWrite | FileShare.Delete;

    public static PortableSharedMemory Instance { get; } = new();

    private PortableSharedMemory()
    {
    }

    public IMappedRegion CreatePublished(string path, long length, Action<IMappedRegion> initialize)
    {
        var temporary = $"{path}.new-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";

        // The reservation makes a full disk fail here, not as a fault on the first write into a hole of the mapping.
        var file = PortableFiles.Open(temporary, FileMode.CreateNew, FileAccess.ReadWrite, Shared, preallocationSize: length)!;
        MappedFile map;
        try
        {
            file.SetLength(length);
            map = MappedFile.Map(temporary, file, length);
        }
        catch
        {
            file.Dispose();
            File.Delete(temporary);
            throw;
        }

        try
        {
            initialize(map);
            File.Move(temporary, path, overwrite: true);
            map.Path = path;
            return map;
        }
        catch
        {
            map.Dispose();
            File.Delete(temporary);
            throw;
        }
    }

    public IMappedRegion? OpenExisting(string path)
    {
        var file = PortableFiles.Open(path, FileMode.Open, FileAccess.ReadWrite, Shared);
        if (file is null)
        {
            return null;
        }

        long length;
        try
        {
            length = file.Length;
        }
        catch
        {
            file.Dispose();
            throw;
        }

        if (length == 0)
        {
            file.Dispose();
            return null;
        }

        return MappedFile.Map(path, file, length);
    }
}

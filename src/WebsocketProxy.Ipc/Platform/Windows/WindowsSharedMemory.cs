using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// Regions are named sections backed by the paging file (<see cref="WindowsSection"/>: memory, as <c>/dev/shm</c> is on
/// Linux), created with a descriptor granting this user alone, under a random name in <c>Local\</c> that starts with the
/// user's SID. A region is published by a small file in the private directory naming its section
/// (<see cref="PublicationFile"/>): the transport finds rings, clients and leases by file name, and a file can be
/// replaced atomically where a kernel object's name cannot (it stays bound to the old section while anyone maps it).
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsSharedMemory : ISharedMemory
{
    private const int MoveAttempts = 50;

    public static WindowsSharedMemory Instance { get; } = new();

    private WindowsSharedMemory()
    {
    }

    public IMappedRegion CreatePublished(string path, long length, Action<IMappedRegion> initialize)
    {
        CheckPath(path);
        WindowsNaming.Instance.EnsureRootDirectory();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var section = WindowsSection.Create(path, WindowsObjectNames.Section(WindowsSecurity.UserSid, id), length);
        try
        {
            initialize(section);
            Publish(path, PublicationFile.Format(new(section.SectionName, length, CurrentSession)));
            section.Path = path;
            return section;
        }
        catch
        {
            section.Dispose();
            throw;
        }
    }

    public IMappedRegion? OpenExisting(string path)
    {
        CheckPath(path);
        if (!Directory.Exists(WindowsNaming.Instance.RootDirectory))
        {
            return null;
        }

        WindowsNaming.Instance.EnsureRootDirectory();
        string text;
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = RandomAccess.GetLength(handle);
            if (length is 0 or > PublicationFile.MaxLength)
            {
                return length == 0 ? null : throw new InvalidDataException($"'{path}' is not a shared-region file ({length} bytes).");
            }

            var bytes = new byte[length];
            _ = RandomAccess.Read(handle, bytes, 0);
            text = Encoding.UTF8.GetString(bytes);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var publication = PublicationFile.Parse(text, path);

        // Null when the section is gone: its last user closed it, and the file is stale.
        var region = WindowsSection.Open(path, publication.Section, publication.Length);
        if (region is null && publication.Session != CurrentSession)
        {
            throw new IOException(
                $"'{path}' was published by a process in logon session {publication.Session}, and this one runs in session {CurrentSession}: " +
                @"Windows names shared memory per session (Local\), so processes of one user in different sessions (a service and a " +
                "desktop, two remote desktops) cannot share a proxy. Use another proxy instance in each session.");
        }

        return region;
    }

    /// <summary>This process's logon session: the scope of <c>Local\</c> names.</summary>
    private static int CurrentSession { get; } = System.Diagnostics.Process.GetCurrentProcess().SessionId;

    private static void Publish(string path, string content)
    {
        var temporary = $"{path}.new-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        File.WriteAllText(temporary, content, Encoding.UTF8);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                File.Move(temporary, path, overwrite: true);
                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && attempt < MoveAttempts)
            {
                // A reader has the old file open for a moment (always with sharing for deletion): try again shortly.
                Thread.Sleep(1);
            }
            catch
            {
                File.Delete(temporary);
                throw;
            }
        }
    }

    private static void CheckPath(string path)
    {
        if (!WindowsNaming.Instance.Holds(path))
        {
            throw new ArgumentException($"'{path}' is not in the Windows IPC directory '{WindowsNaming.Instance.RootDirectory}'.", nameof(path));
        }
    }
}

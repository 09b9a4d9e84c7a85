using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// A named section backed by the paging file, mapped read-write at a stable address until disposed. The section lives
/// while any process holds a handle or a view of it, and no longer: Windows frees it with its last user.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class WindowsSection : IMappedRegion
{
    private readonly SafeWaitHandle _mapping;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, SafeWaitHandle> _semaphores = new();
    private int _disposed;

    private WindowsSection(string path, string sectionName, SafeWaitHandle mapping, byte* pointer, long length)
    {
        Path = path;
        SectionName = sectionName;
        _mapping = mapping;
        Pointer = pointer;
        Length = length;
    }

    /// <summary>The file that publishes the section; set when the region is published.</summary>
    public string Path { get; internal set; }

    /// <summary>The kernel object's name (<see cref="WindowsObjectNames.Section"/>); wake-up semaphores are named after it.</summary>
    public string SectionName { get; }

    public long Length { get; }

    public byte* Pointer { get; }

    /// <summary>
    /// Creates the section (zero-filled, its whole size committed against the system's commit limit now, so that running
    /// out of memory fails here and not on a first write) with the user-only security descriptor, and maps it.
    /// </summary>
    /// <exception cref="IOException">The name exists already, or the system cannot commit the memory.</exception>
    public static WindowsSection Create(string path, string sectionName, long length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(length, 0);
        var attributes = WindowsSecurity.Attributes;
        var mapping = Win32.CreateFileMapping(-1, &attributes, Win32.PageReadWrite, (uint)(length >> 32), (uint)length, sectionName);
        var error = Marshal.GetLastPInvokeError();
        if (mapping.IsInvalid)
        {
            mapping.Dispose();
            throw new IOException($"Cannot create the shared section '{sectionName}' of {length} bytes for '{path}' ({Marshal.GetPInvokeErrorMessage(error)}).");
        }

        if (error == Win32.ErrorAlreadyExists)
        {
            // The name is random: someone made it first on purpose. Never share their object.
            mapping.Dispose();
            throw new IOException($"The shared section '{sectionName}' exists already; refusing to use an object this process did not create.");
        }

        return MapOrDispose(path, sectionName, mapping, length);
    }

    /// <summary>Opens and maps the section <paramref name="sectionName"/>; null when it no longer exists (its last user is gone).</summary>
    /// <exception cref="UnauthorizedAccessException">It is owned by another user.</exception>
    /// <exception cref="InvalidDataException">It is shorter than <paramref name="length"/>.</exception>
    public static WindowsSection? Open(string path, string sectionName, long length)
    {
        var mapping = Win32.OpenFileMapping(Win32.FileMapRead | Win32.FileMapWrite | Win32.ReadControl, inheritHandle: false, sectionName);
        if (mapping.IsInvalid)
        {
            var error = Marshal.GetLastPInvokeError();
            mapping.Dispose();
            return error == Win32.ErrorFileNotFound
                ? null
                : throw new IOException($"Cannot open the shared section '{sectionName}' for '{path}' ({Marshal.GetPInvokeErrorMessage(error)}).");
        }

        try
        {
            WindowsSecurity.CheckOwner(mapping, sectionName);
        }
        catch
        {
            mapping.Dispose();
            throw;
        }

        return MapOrDispose(path, sectionName, mapping, length);
    }

    private static WindowsSection MapOrDispose(string path, string sectionName, SafeWaitHandle mapping, long length)
    {
        try
        {
            // The whole section: a view cannot reach past it, whatever the publishing file claims.
            var view = (byte*)Win32.MapViewOfFile(mapping, Win32.FileMapRead | Win32.FileMapWrite, 0, 0, 0);
            if (view is null)
            {
                throw new IOException($"Cannot map the shared section '{sectionName}' ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}).");
            }

            Win32.MemoryBasicInformation information;
            var mapped = Win32.VirtualQuery(view, &information, (nuint)sizeof(Win32.MemoryBasicInformation)) == 0 ? 0 : (long)information.RegionSize;
            if (mapped < length)
            {
                _ = Win32.UnmapViewOfFile(view);
                throw new InvalidDataException($"The shared section '{sectionName}' maps {mapped} bytes; '{path}' says {length}.");
            }

            return new WindowsSection(path, sectionName, mapping, view, length);
        }
        catch
        {
            mapping.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The semaphore that wakes sleepers on the word at <paramref name="wordOffset"/>, created (or opened, and then
    /// checked to be this user's) on first use and closed with the region.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">Another user created it first.</exception>
    public SafeWaitHandle WakeSemaphore(long wordOffset)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_semaphores.TryGetValue(wordOffset, out var known))
        {
            return known;
        }

        var name = WindowsObjectNames.WakeSemaphore(SectionName, wordOffset);
        var attributes = WindowsSecurity.Attributes;
        var semaphore = Win32.CreateSemaphore(&attributes, 0, int.MaxValue, name);
        var error = Marshal.GetLastPInvokeError();
        if (semaphore.IsInvalid)
        {
            semaphore.Dispose();
            throw new IOException($"Cannot create the wake-up semaphore '{name}' ({Marshal.GetPInvokeErrorMessage(error)}).");
        }

        try
        {
            if (error == Win32.ErrorAlreadyExists)
            {
                WindowsSecurity.CheckOwner(semaphore, name);
            }
        }
        catch
        {
            semaphore.Dispose();
            throw;
        }

        if (!_semaphores.TryAdd(wordOffset, semaphore))
        {
            semaphore.Dispose();
        }

        return _semaphores[wordOffset];
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var semaphore in _semaphores.Values)
        {
            semaphore.Dispose();
        }

        _ = Win32.UnmapViewOfFile(Pointer);
        _mapping.Dispose();
    }
}

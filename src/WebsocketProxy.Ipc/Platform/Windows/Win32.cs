using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>The few Win32 entry points the Windows back-end needs (kernel32 and advapi32; the Restart Manager has its own class).</summary>
[SupportedOSPlatform("windows")]
internal static unsafe partial class Win32
{
    public const uint PageReadWrite = 0x04;
    public const uint FileMapWrite = 0x0002;
    public const uint FileMapRead = 0x0004;
    public const uint ReadControl = 0x00020000;
    public const uint Synchronize = 0x00100000;
    public const uint SemaphoreModifyState = 0x0002;
    public const uint WaitObject0 = 0;
    public const uint WaitTimeout = 0x102;
    public const int ErrorFileNotFound = 2;
    public const int ErrorAlreadyExists = 183;
    public const int SecurityDescriptorRevision = 1; // SDDL_REVISION_1
    public const int KernelObject = 6; // SE_KERNEL_OBJECT
    public const uint OwnerSecurityInformation = 1;
    public const uint ProcessQueryLimitedInformation = 0x1000;
    public const uint TokenQuery = 0x0008;

    private const string Kernel32 = "kernel32.dll";
    private const string Advapi32 = "advapi32.dll";

    [LibraryImport(Kernel32, EntryPoint = "CreateFileMappingW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    public static partial SafeWaitHandle CreateFileMapping(nint file, SecurityAttributes* attributes, uint protect, uint maximumSizeHigh, uint maximumSizeLow, string name);

    [LibraryImport(Kernel32, EntryPoint = "OpenFileMappingW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    public static partial SafeWaitHandle OpenFileMapping(uint desiredAccess, [MarshalAs(UnmanagedType.Bool)] bool inheritHandle, string name);

    [LibraryImport(Kernel32, EntryPoint = "MapViewOfFile", SetLastError = true)]
    public static partial void* MapViewOfFile(SafeWaitHandle mapping, uint desiredAccess, uint offsetHigh, uint offsetLow, nuint bytes);

    [LibraryImport(Kernel32, EntryPoint = "UnmapViewOfFile", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool UnmapViewOfFile(void* address);

    [LibraryImport(Kernel32, EntryPoint = "VirtualQuery")]
    public static partial nuint VirtualQuery(void* address, MemoryBasicInformation* information, nuint length);

    [LibraryImport(Kernel32, EntryPoint = "CreateSemaphoreW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    public static partial SafeWaitHandle CreateSemaphore(SecurityAttributes* attributes, int initialCount, int maximumCount, string name);

    [LibraryImport(Kernel32, EntryPoint = "ReleaseSemaphore", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool ReleaseSemaphore(SafeWaitHandle semaphore, int releaseCount, int* previousCount);

    [LibraryImport(Kernel32, EntryPoint = "WaitForSingleObject", SetLastError = true)]
    public static partial uint WaitForSingleObject(SafeWaitHandle handle, uint milliseconds);

    [LibraryImport(Kernel32, EntryPoint = "OpenProcess", SetLastError = true)]
    public static partial SafeProcessHandle OpenProcess(uint desiredAccess, [MarshalAs(UnmanagedType.Bool)] bool inheritHandle, uint processId);

    [LibraryImport(Kernel32, EntryPoint = "CloseHandle")]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool CloseHandle(nint handle);

    [LibraryImport(Advapi32, EntryPoint = "OpenProcessToken", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool OpenProcessToken(SafeProcessHandle process, uint desiredAccess, out nint token);

    [LibraryImport(Kernel32, EntryPoint = "LocalFree")]
    public static partial nint LocalFree(nint memory);

    [LibraryImport(Advapi32, EntryPoint = "ConvertStringSecurityDescriptorToSecurityDescriptorW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool ConvertStringSecurityDescriptorToSecurityDescriptor(string sddl, int revision, out nint securityDescriptor, nint size);

    /// <summary>Returns an error code (0 on success), not a BOOL.</summary>
    [LibraryImport(Advapi32, EntryPoint = "GetSecurityInfo")]
    public static partial int GetSecurityInfo(SafeHandle handle, int objectType, uint securityInformation, nint* owner, nint* group, nint* dacl, nint* sacl, nint* securityDescriptor);

    [LibraryImport(Advapi32, EntryPoint = "ConvertSidToStringSidW", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool ConvertSidToStringSid(nint sid, out nint stringSid);

    /// <summary><c>SECURITY_ATTRIBUTES</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SecurityAttributes
    {
        public int Length;
        public nint SecurityDescriptor;
        public int InheritHandle;
    }

    /// <summary><c>MEMORY_BASIC_INFORMATION</c> (64-bit layout with natural alignment).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MemoryBasicInformation
    {
        public nint BaseAddress;
        public nint AllocationBase;
        public uint AllocationProtect;
        public ushort PartitionId;
        public nuint RegionSize;
        public uint State;
        public uint Protect;
        public uint Type;
    }
}

using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Platform;
using WebsocketProxy.Ipc.Platform.Linux;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Platform;

/// <summary>Which back-end <see cref="IpcBackend.Native"/> is: each system its own (Windows and macOS: CI on those systems).</summary>
public sealed class NativeBackendTests
{
    [PlatformFact(TestPlatforms.Linux, "Linux's native back-end")]
    [SupportedOSPlatform("linux")]
    public void For_NativeOnLinux_TheLinuxBackEnd()
    {
        var native = IpcPlatform.For(IpcBackend.Native);

        Assert.Same(LinuxPlatform.Instance, native);
        Assert.Equal(IpcBackend.Native, native.Backend);
        Assert.StartsWith(Directory.Exists("/dev/shm") ? "/dev/shm/" : "/tmp/", native.Naming.RootDirectory, StringComparison.Ordinal);
    }

    [NativeRowsTheory]
    [BackendData(IpcBackend.Native)]
    public void ForPath_NativeAndPortableRoots_EachItsOwnBackEnd(IpcBackend nativeBackend)
    {
        var native = IpcPlatform.For(nativeBackend);
        var portable = IpcPlatform.For(IpcBackend.Portable);

        Assert.NotEqual(native.Naming.RootDirectory, portable.Naming.RootDirectory);
        Assert.Same(native, IpcPlatform.ForPath(Path.Combine(native.Naming.RootDirectory, "x.broadcast")));
        Assert.Same(portable, IpcPlatform.ForPath(Path.Combine(portable.Naming.RootDirectory, "x.broadcast")));
    }
}

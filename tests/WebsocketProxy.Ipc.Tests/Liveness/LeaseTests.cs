using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Liveness;

public sealed class LeaseTests
{
    [Theory]
    [AllBackends]
    public void IsHeld_WhileHeldAndAfterRelease_TracksTheHolder(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        var path = file.Sibling(".lease");
        Assert.False(Lease.IsHeld(path));

        var lease = Lease.Acquire(path);
        Assert.True(Lease.IsHeld(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }


        lease.Dispose();
        Assert.False(Lease.IsHeld(path));
    }

    [Theory]
    [AllBackends]
    public void TryAcquire_HeldElsewhere_ReturnsFalseAndAcquireThrows(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        var path = file.Sibling(".lease");
        using var holder = Lease.Acquire(path);

        Assert.False(Lease.TryAcquire(path, out var second));
        Assert.Null(second);
        Assert.Throws<IOException>(() => Lease.Acquire(path));
    }

    [Theory]
    [AllBackends]
    public void TryAcquire_AfterRelease_Succeeds(IpcBackend backend)
    {
        using var file = new TempRing(backend);
        var path = file.Sibling(".lease");
        Lease.Acquire(path).Dispose();

        Assert.True(Lease.TryAcquire(path, out var lease));
        using (lease)
        {
            Assert.Equal(path, lease.Path);
        }
    }
}

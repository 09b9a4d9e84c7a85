using WebsocketProxy.Ipc.Tests.Support;

namespace WebsocketProxy.Ipc.Tests.Liveness;

public sealed class LeaseTests
{
    [Fact]
    public void IsHeld_WhileHeldAndAfterRelease_TracksTheHolder()
    {
        using var file = new TempRing();
        var path = file.Sibling(".lease");
        Assert.False(Lease.IsHeld(path));

        var lease = Lease.Acquire(path);
        Assert.True(Lease.IsHeld(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        lease.Dispose();
        Assert.False(Lease.IsHeld(path));
    }

    [Fact]
    public void TryAcquire_HeldElsewhere_ReturnsFalseAndAcquireThrows()
    {
        using var file = new TempRing();
        var path = file.Sibling(".lease");
        using var holder = Lease.Acquire(path);

        Assert.False(Lease.TryAcquire(path, out var second));
        Assert.Null(second);
        Assert.Throws<IOException>(() => Lease.Acquire(path));
    }

    [Fact]
    public void TryAcquire_AfterRelease_Succeeds()
    {
        using var file = new TempRing();
        var path = file.Sibling(".lease");
        Lease.Acquire(path).Dispose();

        Assert.True(Lease.TryAcquire(path, out var lease));
        using (lease)
        {
            Assert.Equal(path, lease.Path);
        }
    }
}

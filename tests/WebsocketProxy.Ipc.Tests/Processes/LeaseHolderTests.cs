using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Processes;

/// <summary>
/// <see cref="Lease.RefusalToTerminateHolder"/>: a live holder in another process is proven by the native back-ends
/// (Linux's /proc; Windows's Restart Manager and macOS's libproc, never run here) and never by the portable one, and
/// this process or a process that does not hold the lease never is.
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class LeaseHolderTests
{
    [Theory]
    [AllBackends]
    public async Task RefusalToTerminateHolder_PeerHoldingTheLease_NullOnTheNativeBackEndOnly(IpcBackend backend)
    {
        using var ring = new TempRing(backend, "holder");
        using var writer = PeerProcess.Start("stalling-writer", ring.Path, "1");
        await writer.ExpectAsync("ready");
        var lease = ring.Path + ".lease";
        Assert.True(Lease.IsHeld(lease));

        var refusal = Lease.RefusalToTerminateHolder(writer.Id, lease);

        if (backend == IpcBackend.Native)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.NotNull(refusal);
        }
    }

    [Theory]
    [AllBackends]
    public void RefusalToTerminateHolder_ThisProcessOrANonHolder_Refused(IpcBackend backend)
    {
        using var ring = new TempRing(backend, "holder-self");
        var lease = ring.Path + ".lease";
        using var held = Lease.Acquire(lease);

        Assert.NotNull(Lease.RefusalToTerminateHolder(Environment.ProcessId, lease));
        Assert.NotNull(Lease.RefusalToTerminateHolder(int.MaxValue, lease));
        Assert.Throws<ArgumentException>(() => Lease.RefusalToTerminateHolder(1, ""));
    }
}

using System.Buffers;
using System.Globalization;
using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Processes;

[Collection(ProcessTests.Name)]
public sealed class CrashTests
{
    // Detection lags the release of the dead process's lock by at most one probe (50 ms): that is what keeps a
    // death visible within a second. When the kernel releases the lock depends on the machine's load (a killed
    // runtime's threads must all be torn down), so the test waits for it with a bound that only catches a hang.
    private static readonly TimeSpan DeathReportBound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Probe = TimeSpan.FromMilliseconds(50);

    [Theory]
    [AllBackends]
    public async Task WriterKilledMidRecord_ReaderDoesNotWedgeAndSeesDeath(IpcBackend backend)
    {
        using var ring = new TempRing(backend, "writer-kill");
        using var writer = PeerProcess.Start("stalling-writer", ring.Path, "11");
        await writer.ExpectAsync("ready");
        using var reader = BroadcastReader.Open(ring.Path);
        writer.Send("go");
        await writer.ExpectAsync("stalled");

        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0L; i < 10; i++)
        {
            buffer.ResetWrittenCount();
            Assert.Equal(new ReadResult(ReadStatus.Message, i, 0, 100), reader.TryRead(buffer));
        }

        Assert.Equal(ReadStatus.Empty, reader.TryRead(buffer).Status);
        Assert.True(reader.IsWriterAlive);

        writer.KillHard();
        await Lease.WaitForReleaseAsync(ring.Path + ".lease", Probe).WaitAsync(DeathReportBound);
        Assert.False(reader.IsWriterAlive);
        Assert.Equal(ReadStatus.Empty, reader.TryRead(buffer).Status);
        Assert.False(reader.WaitForData(TimeSpan.FromMilliseconds(20)));

        // A new writer takes over the ring; the surviving reader re-attaches and carries on.
        using var successor = BroadcastWriter.Create(ring.Path);
        Assert.Equal(ReadStatus.WriterRestarted, reader.TryRead(buffer).Status);
        Assert.True(reader.Reattach());
        successor.Publish([1, 2, 3]);
        Assert.Equal(ReadStatus.Message, reader.TryRead(buffer).Status);
    }

    [Theory]
    [AllBackends]
    public async Task ClientKilledMidWrite_OnlyItsOwnRingStallsAndDeathIsSeen(IpcBackend backend)
    {
        using var files = new TempRing(backend, "client-kill");
        var ringA = files.Sibling("-a");
        var ringB = files.Sibling("-b");
        using var consumerA = MessageRing.Create(ringA, 4096);
        using var consumerB = MessageRing.Create(ringB, 4096);
        using var clientA = PeerProcess.Start("stalling-producer", ringA, ringA + ".lease");
        using var clientB = PeerProcess.Start("producer", ringB, ringB + ".lease", "200");
        await clientA.ExpectAsync("stalled");
        await clientB.ExpectAsync("ready");

        clientA.KillHard();
        await Lease.WaitForReleaseAsync(ringA + ".lease", Probe).WaitAsync(DeathReportBound);
        Assert.True(Lease.IsHeld(ringB + ".lease"));

        var buffer = new ArrayBufferWriter<byte>();
        Assert.Equal(ReadStatus.Message, consumerA.TryRead(buffer).Status);
        Assert.True(Payloads.Matches(0, buffer.WrittenSpan));
        Assert.Equal(ReadStatus.Empty, consumerA.TryRead(buffer).Status);

        for (var i = 0; i < 200; i++)
        {
            buffer.ResetWrittenCount();
            Assert.True(consumerB.WaitForData(TimeSpan.FromSeconds(30)), $"client B's message {i} did not arrive");
            Assert.Equal(ReadStatus.Message, consumerB.TryRead(buffer).Status);
            Assert.True(Payloads.Matches(i, buffer.WrittenSpan), string.Create(CultureInfo.InvariantCulture, $"message {i} corrupted"));
        }

        await clientB.ExpectAsync("written");
        clientB.Send("bye");
        await clientB.WaitForExitAsync();
        await Lease.WaitForReleaseAsync(ringB + ".lease", Probe).WaitAsync(DeathReportBound);
    }
}

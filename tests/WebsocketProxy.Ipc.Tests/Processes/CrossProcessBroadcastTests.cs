using System.Globalization;
using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Tests.Support;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Ipc.Tests.Processes;

[Collection(ProcessTests.Name)]
public sealed class CrossProcessBroadcastTests
{
    [Theory]
    [BackendData("copy", IpcBackend.Native)]
    [BackendData("batch", IpcBackend.Native)]
    [BackendData("batch", IpcBackend.Portable)]
    public async Task Publish_ToFourReaderProcesses_EveryReaderGetsEveryMessageInOrderByteExact(string mode, IpcBackend backend)
    {
        const long Count = 50_000;
        using var ring = new TempRing(backend, "fanout");
        using var writer = BroadcastWriter.Create(ring.Path, new BroadcastRingOptions { Capacity = 32 << 20, MaxRecordPayload = 4064 });
        var readers = Enumerable.Range(0, 4).Select(_ => PeerProcess.Start("reader", ring.Path, Count.ToString(CultureInfo.InvariantCulture), "0", mode)).ToList();
        try
        {
            foreach (var reader in readers)
            {
                await reader.ExpectAsync("ready");
            }

            var expected = new OrderedHash();
            for (var i = 0L; i < Count; i++)
            {
                // Every 997th message is fragmented into three records.
                var payload = Payloads.For(i, i % 997 == 0 ? 10_000 : Payloads.VaryingLength(i));
                writer.Publish(payload);
                expected.Add(i, payload);
                if (i % 64 == 63)
                {
                    writer.Flush();
                }
            }

            writer.Flush();
            foreach (var reader in readers)
            {
                var report = PeerReport.Parse(await reader.ExpectAsync("done"));
                Assert.Equal(new PeerReport(Count, 0, 0, 0, expected.Value.ToString("x16", CultureInfo.InvariantCulture)), report);
            }
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
        }
    }

    [PlatformTheory(TestPlatforms.Linux, "SIGSTOP")]
    [BackendData("copy", IpcBackend.Native)]
    [BackendData("batch", IpcBackend.Native)]
    [BackendData("copy", IpcBackend.Portable)]
    [SupportedOSPlatform("linux")]
    public async Task Publish_WhileOneReaderIsStopped_StoppedReaderCountsExactLossOthersLoseNothing(string mode, IpcBackend backend)
    {
        const int Batch = 100;
        const long Count = 60 * Batch;
        using var ring = new TempRing(backend, "sigstop");
        using var writer = BroadcastWriter.Create(ring.Path, new BroadcastRingOptions { Capacity = 64 << 10, MaxRecordPayload = 4064 });
        var args = new[] { "reader", ring.Path, Count.ToString(CultureInfo.InvariantCulture), Batch.ToString(CultureInfo.InvariantCulture), mode };
        var stopped = PeerProcess.Start(args);
        var active = new[] { PeerProcess.Start(args), PeerProcess.Start(args) };
        try
        {
            await stopped.ExpectAsync("ready");
            foreach (var reader in active)
            {
                await reader.ExpectAsync("ready");
            }

            stopped.Stop();
            var expected = new OrderedHash();
            for (var i = 0L; i < Count; i++)
            {
                var payload = Payloads.For(i, Payloads.VaryingLength(i));
                writer.Publish(payload);
                expected.Add(i, payload);
                if ((i + 1) % Batch == 0)
                {
                    // Pace the writer on the running readers only, so they are never lapped while the stopped one is.
                    writer.Flush();
                    foreach (var reader in active)
                    {
                        await reader.ExpectAsync($"progress {i + 1}");
                    }
                }
            }

            stopped.Continue();
            var lapped = PeerReport.Parse(await stopped.ExpectAsync("done"));
            Assert.True(lapped.Lost > 0, "the stopped reader should have been lapped");
            Assert.Equal(Count, lapped.Received + lapped.Lost);
            Assert.Equal(0, lapped.Corrupt);
            Assert.Equal(0, lapped.OutOfOrder);
            foreach (var reader in active)
            {
                Assert.Equal(
                    new PeerReport(Count, 0, 0, 0, expected.Value.ToString("x16", CultureInfo.InvariantCulture)),
                    PeerReport.Parse(await reader.ExpectAsync("done")));
            }
        }
        finally
        {
            stopped.Dispose();
            Array.ForEach(active, r => r.Dispose());
        }
    }
}

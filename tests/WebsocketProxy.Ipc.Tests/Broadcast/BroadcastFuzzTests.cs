using System.Buffers;
using WebsocketProxy.Ipc.Platform;
using WebsocketProxy.Ipc.Tests.Support;
using Xunit.Abstractions;

namespace WebsocketProxy.Ipc.Tests.Broadcast;

/// <summary>
/// Random and adversarial values in a broadcast ring's header (tail slots, tail index, fence, layout fields) and in
/// its record headers, between publishes and reads. Readers (the one attached and ones opened on the damaged file)
/// must never crash, throw or spin, and once the damage stops the attached reader must be back to delivering every
/// message intact. Fixed seed (printed), bounded steps.
/// </summary>
public sealed unsafe class BroadcastFuzzTests(ITestOutputHelper output)
{
    // Fixed for CI; set WSPROXY_FUZZ_SEED to explore other inputs (the seed in use is printed).
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("WSPROXY_FUZZ_SEED"), out var seed) ? seed : 20_261_203;

    private const int Steps = 20_000;
    private const int Capacity = 4096;

    private static readonly int[] HeaderFields =
    [
        BroadcastLayout.TailIndexOffset, BroadcastLayout.TailSlotsOffset, BroadcastLayout.TailSlotsOffset + 8,
        BroadcastLayout.TailSlotsOffset + 16, BroadcastLayout.TailSlotsOffset + 24, BroadcastLayout.FenceOffset,
        BroadcastLayout.CapacityOffset, BroadcastLayout.EpochOffset, BroadcastLayout.MaxRecordPayloadOffset,
    ];

    private static readonly BroadcastVisitor<List<(long Sequence, byte[] Bytes)>> Stage =
        static (ref List<(long Sequence, byte[] Bytes)> staged, long sequence, ReadOnlySpan<byte> message) =>
        {
            staged.Add((sequence, message.ToArray()));
            return true;
        };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TryRead_DamagedHeaderAndRecords_NeverCrashesAndRecoversWhenTheDamageStops(bool batch)
    {
        output.WriteLine($"seed {Seed}, {Steps} steps, {(batch ? "TryReadBatch" : "TryRead")}");
        using var ring = new TempRing();
        using var writer = BroadcastWriter.Create(ring.Path, new BroadcastRingOptions { Capacity = Capacity, MaxRecordPayload = 256 });
        using var reader = BroadcastReader.Open(ring.Path);
        using var raw = IpcPlatform.ForPath(ring.Path).Memory.OpenExisting(ring.Path)!;
        var random = new Random(Seed);
        var buffer = new ArrayBufferWriter<byte>();
        var statuses = new int[5];
        var opens = new int[2];

        for (var step = 0; step < Steps; step++)
        {
            var action = random.Next(100);
            if (action < 35)
            {
                writer.Publish(Payloads.For(writer.Published, 8 + random.Next(random.Next(4) == 0 ? writer.MaxMessageLength - 8 : 200)));
            }
            else if (action < 70)
            {
                Drain(reader, buffer, statuses, batch);
            }
            else if (action < 82)
            {
                // A header field gets an adversarial value.
                var offset = HeaderFields[random.Next(HeaderFields.Length)];
                *(long*)(raw.Pointer + offset) = Adversarial(random, writer);
            }
            else if (action < 94)
            {
                // A record header field (commit, sequence, length, type, message length) in the data area.
                var record = raw.Pointer + BroadcastLayout.HeaderSize + (random.Next(Capacity / BroadcastLayout.RecordAlignment) * BroadcastLayout.RecordAlignment);
                var field = random.Next(4) * 8;
                *(long*)(record + field) = random.Next(3) == 0 ? BroadcastLayout.CommitWord(writer.Published * 64, BroadcastLayout.CommitMask(writer.Epoch)) : Adversarial(random, writer);
            }
            else if (action < 97)
            {
                Assert.True(reader.WaitForData(TimeSpan.Zero) || true);
            }
            else
            {
                // A reader opening the damaged file: refused cleanly, or attached and reading safely.
                try
                {
                    using var late = BroadcastReader.Open(ring.Path);
                    Drain(late, buffer, statuses, batch);
                    opens[0]++;
                }
                catch (InvalidDataException)
                {
                    opens[1]++;
                }

                if (random.Next(2) == 0)
                {
                    // Layout fields are only read at open; put them back now and then so later opens can attach.
                    *(long*)(raw.Pointer + BroadcastLayout.CapacityOffset) = Capacity;
                    *(long*)(raw.Pointer + BroadcastLayout.EpochOffset) = writer.Epoch;
                    *(int*)(raw.Pointer + BroadcastLayout.MaxRecordPayloadOffset) = 256;
                }
            }
        }

        // The damage stops; the writer goes on. Within a few laps every byte the reader relies on was rewritten.
        for (var i = 0; i < 10 * Capacity / 64; i++)
        {
            writer.Publish(Payloads.For(writer.Published, 8 + random.Next(200)));
            Drain(reader, buffer, statuses, batch);
        }

        var staged = new List<(long Sequence, byte[] Bytes)>();
        for (var i = 0; i < 50; i++)
        {
            var sequence = writer.Publish(Payloads.For(writer.Published, 8 + random.Next(writer.MaxMessageLength - 8)));
            buffer.ResetWrittenCount();
            staged.Clear();
            var result = batch ? Single(reader.TryReadBatch(ref staged, Stage, 16), staged) : reader.TryRead(buffer);
            var bytes = batch ? staged[0].Bytes : buffer.WrittenSpan.ToArray();
            Assert.Equal(ReadStatus.Message, result.Status);
            Assert.Equal(sequence, result.Sequence);
            Assert.True(Payloads.Matches(sequence, bytes), $"seed {Seed}: message {sequence} came out damaged after the damage stopped");
            Assert.Equal(ReadStatus.Empty, reader.TryRead(buffer).Status);
        }

        output.WriteLine($"statuses (empty, message, lost, restarted, corrupt): {string.Join(", ", statuses)}; late opens attached {opens[0]}, refused {opens[1]}");
        Assert.True(statuses[(int)ReadStatus.Corrupt] > 0 && opens[0] > 0 && opens[1] > 0);
    }

    /// <summary>Reads until empty; a reader that never gets there is spinning on damage.</summary>
    private static void Drain(BroadcastReader reader, ArrayBufferWriter<byte> buffer, int[] statuses, bool batch)
    {
        var staged = new List<(long Sequence, byte[] Bytes)>();
        for (var reads = 0; reads < 10_000; reads++)
        {
            buffer.ResetWrittenCount();
            staged.Clear();
            ReadStatus status;
            if (batch)
            {
                var result = reader.TryReadBatch(ref staged, Stage, 16);
                status = result.Status;
                Assert.InRange(result.Count, 0, 16);
                Assert.All(staged, m => Assert.InRange(m.Bytes.Length, 0, Capacity / 4));
            }
            else
            {
                var result = reader.TryRead(buffer);
                status = result.Status;
                Assert.InRange(result.Length, 0, Capacity / 4);
            }

            statuses[(int)status]++;
            if (status is ReadStatus.Empty or ReadStatus.WriterRestarted)
            {
                return;
            }
        }

        buffer.ResetWrittenCount();
        Assert.Fail($"seed {Seed}: the reader never reported the ring empty; {reader.TryRead(buffer)} {reader.LastCorruption} next={reader.NextSequence} tail={reader.WriterPublished}");
    }

    /// <summary>A batch that must hold exactly one message, as a single read's result.</summary>
    private static ReadResult Single(BatchReadResult result, List<(long Sequence, byte[] Bytes)> staged) =>
        result.Status == ReadStatus.Message && result.Count == 1 && staged.Count == 1
            ? new ReadResult(ReadStatus.Message, staged[0].Sequence, result.LostCount, staged[0].Bytes.Length)
            : new ReadResult(result.Status == ReadStatus.Message ? ReadStatus.Corrupt : result.Status, -1, result.LostCount, 0);

    private static long Adversarial(Random random, BroadcastWriter writer)
    {
        var position = writer.Published * 64;
        long[] values =
        [
            -1, 0, 8, Capacity - 8, Capacity, long.MaxValue, long.MinValue, 1L << 62, position + 8, position + Capacity,
            position - (2 * Capacity), position + 32, random.NextInt64(), int.MaxValue, (long)int.MaxValue + 1,
        ];
        return values[random.Next(values.Length)];
    }
}

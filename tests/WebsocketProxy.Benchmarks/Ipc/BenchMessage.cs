using System.Buffers.Binary;
using System.Diagnostics;

namespace WebsocketProxy.Benchmarks.Ipc;

/// <summary>The 150-byte benchmark message: sequence, send timestamp (monotonic, comparable across processes), filler.</summary>
internal static class BenchMessage
{
    public const int Size = 150;

    public static void Stamp(Span<byte> message, long sequence)
    {
        BinaryPrimitives.WriteInt64LittleEndian(message, sequence);
        BinaryPrimitives.WriteInt64LittleEndian(message[8..], Stopwatch.GetTimestamp());
    }

    public static long Sequence(ReadOnlySpan<byte> message) => BinaryPrimitives.ReadInt64LittleEndian(message);

    public static long LatencyNanoseconds(ReadOnlySpan<byte> message) =>
        (long)((Stopwatch.GetTimestamp() - BinaryPrimitives.ReadInt64LittleEndian(message[8..])) * (1e9 / Stopwatch.Frequency));

    public static double ElapsedSeconds(long start, long end) => (end - start) / (double)Stopwatch.Frequency;
}

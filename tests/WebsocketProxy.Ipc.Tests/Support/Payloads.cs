using System.Buffers.Binary;

namespace WebsocketProxy.Ipc.Tests.Support;

/// <summary>Deterministic message contents derived from a sequence number, so any reader can verify any message.</summary>
internal static class Payloads
{
    public static byte[] For(long sequence, int length)
    {
        var bytes = new byte[length];
        Fill(sequence, bytes);
        return bytes;
    }

    public static void Fill(long sequence, Span<byte> destination)
    {
        var state = (ulong)sequence * 0x9E37_79B9_7F4A_7C15UL + 1;
        for (var i = 0; i < destination.Length; i++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            destination[i] = (byte)state;
        }

        if (destination.Length >= 8)
        {
            BinaryPrimitives.WriteInt64LittleEndian(destination, sequence);
        }
    }

    public static bool Matches(long sequence, ReadOnlySpan<byte> actual)
    {
        Span<byte> expected = actual.Length <= 4096 ? stackalloc byte[actual.Length] : new byte[actual.Length];
        Fill(sequence, expected);
        return actual.SequenceEqual(expected);
    }

    /// <summary>A length between 16 and 300 bytes that varies with the sequence (exercises padding at the wrap).</summary>
    public static int VaryingLength(long sequence) => 16 + (int)((ulong)(sequence * 7919) % 285);
}

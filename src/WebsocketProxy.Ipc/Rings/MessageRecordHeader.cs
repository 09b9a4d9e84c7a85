using System.Numerics;
using System.Runtime.InteropServices;

namespace WebsocketProxy.Ipc;

/// <summary>
/// The 16-byte header of a message-ring record. The position tag and the CRC-32C (over length, tag and payload)
/// let the consumer reject garbage and find the next real record after it.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = MessageRingLayout.RecordHeaderSize)]
internal struct MessageRecordHeader
{
    public uint Magic;
    public int Length;
    public uint PositionTag;
    public uint Checksum;

    public static uint Tag(long position) => (uint)position ^ (uint)(position >> 32);

    public static uint ComputeChecksum(int length, uint tag, ReadOnlySpan<byte> payload)
    {
        var crc = BitOperations.Crc32C(uint.MaxValue, ((ulong)tag << 32) | (uint)length);
        var i = 0;
        for (; i + 8 <= payload.Length; i += 8)
        {
            crc = BitOperations.Crc32C(crc, MemoryMarshal.Read<ulong>(payload[i..]));
        }

        for (; i < payload.Length; i++)
        {
            crc = BitOperations.Crc32C(crc, payload[i]);
        }

        return ~crc;
    }
}

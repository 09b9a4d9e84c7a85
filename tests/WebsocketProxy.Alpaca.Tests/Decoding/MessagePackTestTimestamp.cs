using System.Buffers.Binary;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>Writes MessagePack timestamp extension bodies (type -1) for tests: the reader under test only reads them.</summary>
internal static class MessagePackTestTimestamp
{
    /// <summary>Writes the body in its smallest form; the offset is not kept (MessagePack timestamps are UTC).</summary>
    public static int Write(AlpacaTimestamp timestamp, Span<byte> body)
    {
        var (seconds, nanoseconds) = (timestamp.UnixSeconds, timestamp.Nanosecond);
        if (seconds >> 34 != 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(body, (uint)nanoseconds);
            BinaryPrimitives.WriteInt64BigEndian(body[4..], seconds);
            return 12;
        }

        if (nanoseconds == 0 && seconds <= uint.MaxValue)
        {
            BinaryPrimitives.WriteUInt32BigEndian(body, (uint)seconds);
            return 4;
        }

        BinaryPrimitives.WriteUInt64BigEndian(body, ((ulong)nanoseconds << 34) | (ulong)seconds);
        return 8;
    }
}

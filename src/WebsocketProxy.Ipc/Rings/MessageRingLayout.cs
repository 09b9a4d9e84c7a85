namespace WebsocketProxy.Ipc;

/// <summary>
/// Byte layout of a message ring file: a 4 KiB header page, then the power-of-two data area. The consumer owns
/// the head line, the producer the tail line; each side sleeps on its own eventcount.
/// </summary>
internal static class MessageRingLayout
{
    public const ulong Magic = 0x474E_4952_4D50_5357; // "WSPMRING" little-endian
    public const int Version = 1;
    public const int HeaderSize = 4096;
    public const int MinCapacity = 1024;
    public const int MaxCapacity = 1 << 30;

    public const int MagicOffset = 0;
    public const int VersionOffset = 8;
    public const int HeaderSizeOffset = 12;
    public const int CapacityOffset = 16;

    public const int HeadOffset = 128;
    public const int TailOffset = 256;
    public const int DataWordOffset = 384;
    public const int DataWaitersOffset = 388;
    public const int SpaceWordOffset = 512;
    public const int SpaceWaitersOffset = 516;

    public const uint RecordMagic = 0x5250_5357; // "WSPR"
    public const int RecordHeaderSize = 16;
    public const int RecordAlignment = 8;

    public static long AlignRecord(long size) => (size + RecordAlignment - 1) & ~(long)(RecordAlignment - 1);

    public static int MaxMessageLength(long capacity) => (int)(capacity / 2) - RecordHeaderSize;
}

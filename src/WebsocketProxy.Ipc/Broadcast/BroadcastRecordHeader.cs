using System.Runtime.InteropServices;

namespace WebsocketProxy.Ipc;

/// <summary>The 32-byte header every record starts with; the commit word comes first and is written last.</summary>
[StructLayout(LayoutKind.Explicit, Size = BroadcastLayout.RecordHeaderSize)]
internal struct BroadcastRecordHeader
{
    [FieldOffset(0)]
    public long Commit;

    [FieldOffset(8)]
    public long Sequence;

    [FieldOffset(16)]
    public int Length;

    [FieldOffset(20)]
    public int Type;

    [FieldOffset(24)]
    public int MessageLength;

    [FieldOffset(28)]
    public int Reserved;
}

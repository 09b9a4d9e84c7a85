namespace WebsocketProxy.Ipc.Tests.Support;

/// <summary>FNV-1a over (sequence, length, bytes) of each message in order: equal hashes mean equal, equally ordered streams.</summary>
internal sealed class OrderedHash
{
    private const ulong Prime = 0x100_0000_01B3;

    public ulong Value { get; private set; } = 0xCBF2_9CE4_8422_2325;

    public void Add(long sequence, ReadOnlySpan<byte> bytes)
    {
        var value = Value;
        value = (value ^ (ulong)sequence) * Prime;
        value = (value ^ (ulong)bytes.Length) * Prime;
        foreach (var b in bytes)
        {
            value = (value ^ b) * Prime;
        }

        Value = value;
    }
}

namespace WebsocketProxy.Ipc.Tests.Support;

/// <summary>Pokes at a ring file through ordinary file I/O, which shares pages with every MAP_SHARED mapping of it.</summary>
internal static class RingMemory
{
    public static int ReadInt32(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[4];
        stream.Position = offset;
        stream.ReadExactly(bytes);
        return BitConverter.ToInt32(bytes);
    }

    public static long ReadInt64(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[8];
        stream.Position = offset;
        stream.ReadExactly(bytes);
        return BitConverter.ToInt64(bytes);
    }

    public static void WriteInt64(string path, long offset, long value) => WriteBytes(path, offset, BitConverter.GetBytes(value));

    public static void WriteBytes(string path, long offset, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Position = offset;
        stream.Write(bytes);
    }

    /// <summary>Acts as a rogue producer: random bytes at the tail of a message ring, then the tail moved past them.</summary>
    public static void InjectGarbageAtTail(string path, Random random, int length)
    {
        var capacity = ReadInt64(path, MessageRingLayout.CapacityOffset);
        var tail = ReadInt64(path, MessageRingLayout.TailOffset);
        var garbage = new byte[length];
        random.NextBytes(garbage);
        for (var i = 0; i < length; i++)
        {
            WriteBytes(path, MessageRingLayout.HeaderSize + ((tail + i) & (capacity - 1)), [garbage[i]]);
        }

        WriteInt64(path, MessageRingLayout.TailOffset, tail + length);
    }

    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(1, timeout.Token);
        }
    }
}

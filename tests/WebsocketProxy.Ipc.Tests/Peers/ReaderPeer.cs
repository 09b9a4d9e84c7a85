using System.Buffers;
using System.Globalization;
using WebsocketProxy.Ipc.Tests.Support;

namespace WebsocketProxy.Ipc.Tests.Peers;

/// <summary>
/// Reads a broadcast ring until it has accounted for <c>count</c> messages, verifying every payload, then prints
/// <c>done received=R lost=L corrupt=C outoforder=O hash=H</c>. With a progress step it prints <c>progress S</c>
/// after receiving each message whose sequence + 1 is a multiple of the step. With <c>batch</c> after the step it reads
/// with <see cref="BroadcastReader.TryReadBatch{TState}"/>, staging the visited bytes and counting them only when the
/// batch is valid.
/// </summary>
internal static class ReaderPeer
{
    private static readonly BroadcastVisitor<List<(long Sequence, byte[] Bytes)>> Stage =
        static (ref List<(long Sequence, byte[] Bytes)> staged, long sequence, ReadOnlySpan<byte> message) =>
        {
            staged.Add((sequence, message.ToArray()));
            return true;
        };

    public static int Run(string[] args)
    {
        var path = args[0];
        var count = long.Parse(args[1], CultureInfo.InvariantCulture);
        var progressStep = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        var batch = args.Length > 3 && args[3] == "batch";
        using var reader = BroadcastReader.Open(path);
        Console.Out.WriteLine("ready");
        var buffer = new ArrayBufferWriter<byte>();
        var staged = new List<(long Sequence, byte[] Bytes)>();
        var hash = new OrderedHash();
        long corrupt = 0, outOfOrder = 0, last = -1;
        var deadline = Environment.TickCount64 + 60_000;
        while (reader.NextSequence < count)
        {
            ReadStatus status;
            staged.Clear();
            if (batch)
            {
                status = reader.TryReadBatch(ref staged, Stage, 64).Status;
            }
            else
            {
                buffer.ResetWrittenCount();
                var result = reader.TryRead(buffer);
                status = result.Status;
                staged.Add((result.Sequence, buffer.WrittenSpan.ToArray()));
            }

            switch (status)
            {
                case ReadStatus.Message:
                    foreach (var (sequence, bytes) in staged)
                    {
                        if (!Payloads.Matches(sequence, bytes))
                        {
                            corrupt++;
                        }

                        if (sequence <= last)
                        {
                            outOfOrder++;
                        }

                        last = sequence;
                        hash.Add(sequence, bytes);
                        if (progressStep > 0 && (sequence + 1) % progressStep == 0)
                        {
                            Console.Out.WriteLine($"progress {sequence + 1}");
                        }
                    }

                    break;
                case ReadStatus.Empty:
                    if (Environment.TickCount64 > deadline)
                    {
                        Console.Out.WriteLine($"timeout next={reader.NextSequence}");
                        return 2;
                    }

                    reader.WaitForData(TimeSpan.FromMilliseconds(100));
                    break;
                case ReadStatus.WriterRestarted:
                    Console.Out.WriteLine("restarted");
                    return 3;
            }
        }

        Console.Out.WriteLine(
            $"done received={reader.Received} lost={reader.Lost} corrupt={corrupt} outoforder={outOfOrder} hash={hash.Value:x16}");
        return 0;
    }
}

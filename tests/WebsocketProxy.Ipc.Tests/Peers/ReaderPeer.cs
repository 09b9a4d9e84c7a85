using System.Buffers;
using System.Globalization;
using WebsocketProxy.Ipc.Tests.Support;

namespace WebsocketProxy.Ipc.Tests.Peers;

/// <summary>
/// Reads a broadcast ring until it has accounted for <c>count</c> messages, verifying every payload, then prints
/// <c>done received=R lost=L corrupt=C outoforder=O hash=H</c>. With a progress step it prints <c>progress S</c>
/// after receiving each message whose sequence + 1 is a multiple of the step.
/// </summary>
internal static class ReaderPeer
{
    public static int Run(string[] args)
    {
        var path = args[0];
        var count = long.Parse(args[1], CultureInfo.InvariantCulture);
        var progressStep = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        using var reader = BroadcastReader.Open(path);
        Console.Out.WriteLine("ready");
        var buffer = new ArrayBufferWriter<byte>();
        var hash = new OrderedHash();
        long corrupt = 0, outOfOrder = 0, last = -1;
        var deadline = Environment.TickCount64 + 60_000;
        while (reader.NextSequence < count)
        {
            buffer.ResetWrittenCount();
            var result = reader.TryRead(buffer);
            switch (result.Status)
            {
                case ReadStatus.Message:
                    if (!Payloads.Matches(result.Sequence, buffer.WrittenSpan))
                    {
                        corrupt++;
                    }

                    if (result.Sequence <= last)
                    {
                        outOfOrder++;
                    }

                    last = result.Sequence;
                    hash.Add(result.Sequence, buffer.WrittenSpan);
                    if (progressStep > 0 && (result.Sequence + 1) % progressStep == 0)
                    {
                        Console.Out.WriteLine($"progress {result.Sequence + 1}");
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

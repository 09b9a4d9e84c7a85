using System.Globalization;
using WebsocketProxy.Ipc.Tests.Support;

namespace WebsocketProxy.Ipc.Tests.Peers;

/// <summary>A command-ring client: holds its lease, writes messages, optionally dies half-way through a write.</summary>
internal static class ProducerPeer
{
    /// <summary>Writes <c>count</c> messages, prints <c>written</c>, then waits for stdin to close.</summary>
    public static int Run(string[] args)
    {
        var (ring, lease) = Attach(args);
        using (ring)
        using (lease)
        {
            var count = int.Parse(args[2], CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++)
            {
                while (!ring.TryWrite(Payloads.For(i, 64)))
                {
                    ring.WaitForSpace(64, TimeSpan.FromSeconds(1));
                }
            }

            Console.Out.WriteLine("written");
            _ = Console.In.ReadLine();
            return 0;
        }
    }

    /// <summary>Writes one message, then stops for good after copying the second and before publishing it.</summary>
    public static int RunStalling(string[] args)
    {
        var (ring, lease) = Attach(args);
        using (ring)
        using (lease)
        {
            ring.TryWrite(Payloads.For(0, 64));
            ring.BeforePublish = () =>
            {
                Console.Out.WriteLine("stalled");
                Thread.Sleep(Timeout.Infinite);
            };
            ring.TryWrite(Payloads.For(1, 64));
            return 1;
        }
    }

    private static (MessageRing Ring, Lease Lease) Attach(string[] args)
    {
        var lease = Lease.Acquire(args[1]);
        var ring = MessageRing.Open(args[0]);
        Console.Out.WriteLine("ready");
        return (ring, lease);
    }
}

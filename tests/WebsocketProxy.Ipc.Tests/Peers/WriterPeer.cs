using System.Globalization;
using WebsocketProxy.Ipc.Tests.Support;

namespace WebsocketProxy.Ipc.Tests.Peers;

/// <summary>Creates a ring, publishes messages, and stops for good between claim and commit of record <c>stallAt</c> (1-based).</summary>
internal static class WriterPeer
{
    public static int RunStalling(string[] args)
    {
        var path = args[0];
        var stallAt = int.Parse(args[1], CultureInfo.InvariantCulture);
        var records = 0;
        var options = BroadcastRingOptions.Default with
        {
            Capacity = 1 << 20,
            BeforeCommit = () =>
            {
                if (++records == stallAt)
                {
                    Console.Out.WriteLine("stalled");
                    Thread.Sleep(Timeout.Infinite);
                }
            },
        };
        using var writer = BroadcastWriter.Create(path, options);
        Console.Out.WriteLine("ready");
        if (Console.In.ReadLine() != "go")
        {
            return 1;
        }

        for (var i = 0L; ; i++)
        {
            writer.Publish(Payloads.For(i, 100));
            writer.Flush();
        }
    }
}

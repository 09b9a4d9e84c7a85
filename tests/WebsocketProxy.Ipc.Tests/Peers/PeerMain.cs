namespace WebsocketProxy.Ipc.Tests.Peers;

/// <summary>
/// Entry point of the test assembly when it runs as a child process: <c>dotnet WebsocketProxy.Ipc.Tests.dll &lt;role&gt; ...</c>.
/// The test host itself never calls it (it loads the assembly as a library).
/// </summary>
public static class PeerMain
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: <reader|stalling-writer|producer|stalling-producer> ...");
            return 64;
        }

        try
        {
            return args[0] switch
            {
                "reader" => ReaderPeer.Run(args[1..]),
                "stalling-writer" => WriterPeer.RunStalling(args[1..]),
                "producer" => ProducerPeer.Run(args[1..]),
                "stalling-producer" => ProducerPeer.RunStalling(args[1..]),
                _ => throw new ArgumentException($"unknown role '{args[0]}'"),
            };
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            Console.Out.WriteLine($"error {e.GetType().Name}: {e.Message}");
            return 70;
        }
    }
}

using System.Globalization;
using System.Net.Sockets;

namespace WebsocketProxy.Benchmarks.Ipc;

internal static partial class FanoutHarness
{
    private const int SocketBatch = 64 << 10;

    /// <summary>
    /// The baseline: one Unix stream socket per reader. Throughput mode fills a 64 KiB batch per reader and sends it
    /// (blocking sends give natural flow control, so nothing is lost); latency mode sends each message at once.
    /// </summary>
    private static async Task<RunResult> SocketThroughputAsync(int readers, long count, bool latency)
    {
        var path = Path.Combine(Path.GetTempPath(), UniqueName("uds") + ".sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(readers);
        var peers = Enumerable.Range(0, readers)
            .Select(_ => ChildProcess.Start("uds", path, count.ToString(CultureInfo.InvariantCulture), latency ? "latency" : "throughput"))
            .ToList();
        var connections = new List<Socket>();
        try
        {
            for (var i = 0; i < readers; i++)
            {
                connections.Add(await listener.AcceptAsync().WaitAsync(PeerTimeout));
            }

            foreach (var peer in peers)
            {
                await peer.ExpectAsync("ready", PeerTimeout);
            }

            if (latency)
            {
                SendPaced(connections[0], count);
            }
            else
            {
                var cpuBefore = CpuTime.OfThisProcess();
                SendBatched(connections, count);
                Console.Error.WriteLine($"  socket writer: cpu {(CpuTime.OfThisProcess() - cpuBefore).TotalSeconds:F2} s (process)");
            }

            return RunResult.FromReports(await CollectAsync(peers), count);
        }
        finally
        {
            connections.ForEach(c => c.Dispose());
            peers.ForEach(p => p.Dispose());
            File.Delete(path);
        }
    }

    private static void SendBatched(List<Socket> connections, long count)
    {
        var batch = new byte[SocketBatch / BenchMessage.Size * BenchMessage.Size];
        var filled = 0;
        for (var i = 0L; i < count; i++)
        {
            BenchMessage.Stamp(batch.AsSpan(filled, BenchMessage.Size), i);
            filled += BenchMessage.Size;
            if (filled == batch.Length || i == count - 1)
            {
                foreach (var connection in connections)
                {
                    SendAll(connection, batch.AsSpan(0, filled));
                }

                filled = 0;
            }
        }
    }

    private static void SendPaced(Socket connection, long count)
    {
        var message = new byte[BenchMessage.Size];
        for (var i = 0L; i < count; i++)
        {
            Thread.Sleep(1);
            BenchMessage.Stamp(message, i);
            SendAll(connection, message);
        }
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            bytes = bytes[socket.Send(bytes)..];
        }
    }
}

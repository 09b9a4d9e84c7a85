using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Benchmarks.Ipc;

/// <summary>The child-process side of the fan-out harness: broadcast-ring readers, socket readers and an idle reader.</summary>
internal static class FanoutPeers
{
    public const string Verb = "ipc-fanout-peer";

    public static int Run(string[] args)
    {
        try
        {
            return args[0] switch
            {
                "ipc" => args.Length > 7 && args[7] == "batch"
                    ? RunBatchRingReader(args[1], args[2], Int(args[3]), Long(args[4]), args[5] == "wake", args[6] == "latency")
                    : RunRingReader(args[1], args[2], Int(args[3]), Long(args[4]), args[5] == "wake", args[6] == "latency"),
                "uds" => RunSocketReader(args[1], Long(args[2]), args[3] == "latency"),
                "idle" => RunIdle(args[1], Int(args[2])),
                _ => throw new ArgumentException($"unknown peer role {args[0]}"),
            };
        }
        catch (Exception e)
        {
            Console.Out.WriteLine($"error {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine(e);
            return 1;
        }
    }

    private static int RunRingReader(string path, string boardPath, int index, long count, bool wake, bool latency)
    {
        using var reader = BroadcastReader.Open(path, new WaitOptions { SpinCount = 32 });
        using var board = ProgressBoard.Open(boardPath);
        var buffer = new ArrayBufferWriter<byte>(256);
        var latencies = latency ? new long[count] : [];
        long first = 0, received = 0, posted = -1;
        var spinner = default(SpinWait);
        Console.Out.WriteLine("ready");
        while (reader.NextSequence < count)
        {
            buffer.ResetWrittenCount();
            var result = reader.TryRead(buffer);
            if (result.Status == ReadStatus.Message)
            {
                if (received == 0)
                {
                    first = Stopwatch.GetTimestamp();
                }

                if (latency)
                {
                    latencies[received] = BenchMessage.LatencyNanoseconds(buffer.WrittenSpan);
                }

                received++;
                spinner.Reset();
                if ((result.Sequence & 1023) == 0)
                {
                    board.Post(index, reader.NextSequence);
                }
            }
            else if (result.Status == ReadStatus.Empty)
            {
                WaitWhileEmpty(reader, board, index, ref posted, ref spinner, wake, latency);
            }
        }

        var end = Stopwatch.GetTimestamp();
        board.Post(index, reader.NextSequence);
        Report(received, reader.Lost, first, end, latencies.AsSpan(0, (int)Math.Min(received, latencies.Length)));
        return 0;
    }

    /// <summary>
    /// The zero-copy reader: <see cref="BroadcastReader.TryReadBatch{TState}"/> hands up to 256 records in place to a
    /// visitor that checks each message's sequence (as the socket reader does) or stamps its latency, and counts them
    /// only when the batch is valid.
    /// </summary>
    private static int RunBatchRingReader(string path, string boardPath, int index, long count, bool wake, bool latency)
    {
        using var reader = BroadcastReader.Open(path, new WaitOptions { SpinCount = 32 });
        using var board = ProgressBoard.Open(boardPath);
        var state = new BatchState { Latencies = latency ? new long[count] : [] };
        long first = 0, posted = -1, lastPost = 0, empties = 0, batches = 0;
        var spinner = default(SpinWait);
        var visitor = latency ? BatchState.VisitTimed : BatchState.Visit;
        Console.Out.WriteLine("ready");
        while (reader.NextSequence < count)
        {
            var before = state;
            var result = reader.TryReadBatch(ref state, visitor, 256);
            if (result.Status == ReadStatus.Message)
            {
                if (before.Received == 0)
                {
                    first = Stopwatch.GetTimestamp();
                }

                spinner.Reset();
                batches++;
                if (reader.NextSequence - lastPost >= 1024)
                {
                    lastPost = reader.NextSequence;
                    board.Post(index, lastPost);
                }

                continue;
            }

            // Whatever the visitor counted in a failed batch does not count.
            state = before;
            if (result.Status == ReadStatus.Empty)
            {
                empties++;
                WaitWhileEmpty(reader, board, index, ref posted, ref spinner, wake, latency);
            }
        }

        var end = Stopwatch.GetTimestamp();
        board.Post(index, reader.NextSequence);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"batch reader: {batches} batches ({(double)state.Received / Math.Max(1, batches):F1} messages each), {empties} empty polls, cpu {CpuTime.OfThisProcess().TotalSeconds:F2} s"));
        Report(state.Received, reader.Lost + state.OutOfOrder, first, end, state.Latencies.AsSpan(0, (int)Math.Min(state.Received, state.Latencies.Length)));
        return 0;
    }

    /// <summary>An empty poll of either ring reader: posts its progress when it moved, then waits as the mode says.</summary>
    private static void WaitWhileEmpty(BroadcastReader reader, ProgressBoard board, int index, ref long posted, ref SpinWait spinner, bool wake, bool latency)
    {
        if (posted != reader.NextSequence)
        {
            posted = reader.NextSequence;
            board.Post(index, posted);
        }

        if (wake)
        {
            reader.WaitForData(TimeSpan.FromMilliseconds(100));
        }
        else if (latency)
        {
            // Latency: never give the core away, pause only a few cycles between polls.
            Thread.SpinWait(4);
        }
        else
        {
            // Throughput: back off between polls. Polling the record the writer is filling steals its cache
            // line, and on a busy 2-core machine a spinner that never yields starves the writer it waits for.
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private static int RunSocketReader(string socketPath, long count, bool latency)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        Console.Out.WriteLine("ready");
        var buffer = new byte[64 << 10];
        var latencies = latency ? new long[count] : [];
        long received = 0, first = 0, outOfOrder = 0;
        var filled = 0;
        while (received < count)
        {
            var n = socket.Receive(buffer.AsSpan(filled));
            if (n == 0)
            {
                break;
            }

            if (received == 0 && first == 0)
            {
                first = Stopwatch.GetTimestamp();
            }

            filled += n;
            var offset = 0;
            for (; offset + BenchMessage.Size <= filled; offset += BenchMessage.Size)
            {
                var message = buffer.AsSpan(offset, BenchMessage.Size);
                if (BenchMessage.Sequence(message) != received)
                {
                    outOfOrder++;
                }

                if (latency)
                {
                    latencies[received] = BenchMessage.LatencyNanoseconds(message);
                }

                received++;
            }

            buffer.AsSpan(offset, filled - offset).CopyTo(buffer);
            filled -= offset;
        }

        var end = Stopwatch.GetTimestamp();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"socket reader: cpu {CpuTime.OfThisProcess().TotalSeconds:F2} s"));
        Report(received, outOfOrder, first, end, latencies.AsSpan(0, (int)Math.Min(received, latencies.Length)));
        return 0;
    }

    private static int RunIdle(string path, int seconds)
    {
        using var reader = BroadcastReader.Open(path);
        Console.Out.WriteLine("ready");
        // Compile the wait path first: JIT time is not idle cost.
        reader.WaitForData(TimeSpan.FromMilliseconds(200));
        var cpuBefore = CpuTime.OfThisProcess();
        var start = Stopwatch.GetTimestamp();
        var until = start + (seconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            reader.WaitForData(TimeSpan.FromMilliseconds(100));
        }

        var cpu = CpuTime.OfThisProcess() - cpuBefore;
        var wall = BenchMessage.ElapsedSeconds(start, Stopwatch.GetTimestamp());
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle cpu_s={cpu.TotalSeconds:F3} wall_s={wall:F3}"));
        return 0;
    }

    private static void Report(long received, long lost, long first, long end, Span<long> latencies)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"done received={received} lost={lost} seconds={BenchMessage.ElapsedSeconds(first, end):F6}");
        if (latencies.Length > 0)
        {
            latencies.Sort();
            line += string.Create(
                CultureInfo.InvariantCulture,
                $" p50={Percentile(latencies, 0.50)} p99={Percentile(latencies, 0.99)} p999={Percentile(latencies, 0.999)}");
        }

        Console.Out.WriteLine(line);
    }

    private static long Percentile(Span<long> sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static long Long(string s) => long.Parse(s, CultureInfo.InvariantCulture);

    private struct BatchState
    {
        public static readonly BroadcastVisitor<BatchState> Visit = static (ref BatchState s, long sequence, ReadOnlySpan<byte> message) =>
        {
            if (BenchMessage.Sequence(message) != sequence)
            {
                s.OutOfOrder++;
            }

            s.Received++;
            return true;
        };

        public static readonly BroadcastVisitor<BatchState> VisitTimed = static (ref BatchState s, long sequence, ReadOnlySpan<byte> message) =>
        {
            if (s.Received < s.Latencies.Length)
            {
                s.Latencies[s.Received] = BenchMessage.LatencyNanoseconds(message);
            }

            s.Received++;
            return true;
        };

        public long Received;
        public long OutOfOrder;
        public long[] Latencies;
    }
}

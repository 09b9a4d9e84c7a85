using System.Buffers;
using BenchmarkDotNet.Attributes;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Benchmarks.Ipc;

/// <summary>Per-operation costs of the shared-memory rings in one process (no cross-core traffic): 150-byte messages.</summary>
[MemoryDiagnoser]
public class BroadcastRingBenchmarks
{
    private readonly byte[] _message = new byte[150];
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private string _name = "";
    private BroadcastWriter _writer = null!;
    private BroadcastReader _reader = null!;
    private MessageRing _ring = null!;

    private static readonly BroadcastVisitor<int> SumFirstBytes = static (ref int sum, long sequence, ReadOnlySpan<byte> message) =>
    {
        sum += message[0];
        return true;
    };

    [GlobalSetup]
    public void Setup()
    {
        _name = $"bdn-{Guid.NewGuid():N}";
        _writer = BroadcastWriter.Create(IpcPaths.ForUser(_name), new BroadcastRingOptions { Capacity = 64 << 20 });
        _reader = BroadcastReader.Open(IpcPaths.ForUser(_name));
        _ring = MessageRing.Create(IpcPaths.ForUser(_name + "-cmd"), 1 << 20);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reader.Dispose();
        _writer.Dispose();
        _ring.Dispose();
        var root = IpcPaths.ForUser(_name);
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(root)!, Path.GetFileName(root) + "*"))
        {
            File.Delete(file);
        }
    }

    [Benchmark(Baseline = true, Description = "BroadcastWriter.Publish")]
    public long Publish() => _writer.Publish(_message);

    [Benchmark(Description = "Publish + BroadcastReader.TryRead")]
    public int PublishAndRead()
    {
        _writer.Publish(_message);
        _buffer.ResetWrittenCount();
        return _reader.TryRead(_buffer).Length;
    }

    [Benchmark(OperationsPerInvoke = 64, Description = "64 x Publish + BroadcastReader.TryRead, per message")]
    public int PublishAndReadCopies()
    {
        var length = 0;
        for (var i = 0; i < 64; i++)
        {
            _writer.Publish(_message);
        }

        for (var i = 0; i < 64; i++)
        {
            _buffer.ResetWrittenCount();
            length += _reader.TryRead(_buffer).Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = 64, Description = "64 x Publish + one BroadcastReader.TryReadBatch visiting 64, per message")]
    public int PublishAndReadBatch()
    {
        for (var i = 0; i < 64; i++)
        {
            _writer.Publish(_message);
        }

        var sum = 0;
        return _reader.TryReadBatch(ref sum, SumFirstBytes, 64).Count + sum;
    }

    [Benchmark(Description = "BroadcastWriter.Flush, nobody asleep")]
    public void FlushWithoutSleepers() => _writer.Flush();

    [Benchmark(Description = "MessageRing.TryWrite + TryRead")]
    public int MessageRingRoundTrip()
    {
        _ring.TryWrite(_message);
        _buffer.ResetWrittenCount();
        return _ring.TryRead(_buffer).Length;
    }
}

using System.Collections.Concurrent;
using System.Net.WebSockets;
using WebsocketProxy.Client.Internal;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Tests.Internal;

/// <summary>The frame pump's batches over a real broadcast ring in shared memory.</summary>
public sealed class PumpStageTests : IDisposable
{
    private readonly string _path = IpcPaths.ForUser("test-stage-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void TryReadBatch_RecordsOfConnectionsNotHeld_SkippedUncopied_HeldOnesStagedInOrder()
    {
        var held = new ConcurrentDictionary<long, ConnectionLink>();
        held[7] = new ConnectionLink(7, new ProxyConnectionOptions { Url = new Uri("ws://127.0.0.1/held") });
        using var writer = BroadcastWriter.Create(_path, new BroadcastRingOptions { Capacity = 1 << 16, MaxRecordPayload = 1024 });
        using var reader = BroadcastReader.Open(_path);
        for (var i = 0; i < 30; i++)
        {
            Publish(writer, connection: i % 3 == 0 ? 7 : 8, $"m{i}");
        }

        var stage = new PumpStage(held);
        var result = reader.TryReadBatch(ref stage, PumpStage.Visitor, PumpStage.MaxMessages);

        Assert.Equal(new BatchReadResult(ReadStatus.Message, 30, 0), result);
        Assert.Equal(10, stage.Count);
        for (var i = 0; i < stage.Count; i++)
        {
            Assert.True(EventHeader.TryRead(stage[i].Span, out var header));
            Assert.Equal(7, header.ConnectionId);
            Assert.Equal($"m{i * 3}", System.Text.Encoding.UTF8.GetString(stage[i].Span[EventHeader.Size..]));
        }

        stage.Clear();
        Assert.Equal(0, stage.Count);
        Assert.Equal(30, reader.Received);
    }

    [Fact]
    public void TryReadBatch_RingLappedBeforeTheRead_NothingStagedCounts_LossReported()
    {
        var held = new ConcurrentDictionary<long, ConnectionLink>();
        held[7] = new ConnectionLink(7, new ProxyConnectionOptions { Url = new Uri("ws://127.0.0.1/held") });
        using var writer = BroadcastWriter.Create(_path, new BroadcastRingOptions { Capacity = 4096, MaxRecordPayload = 256 });
        using var reader = BroadcastReader.Open(_path);
        for (var i = 0; i < 500; i++)
        {
            Publish(writer, connection: 7, $"lap{i}");
        }

        var stage = new PumpStage(held);
        var result = reader.TryReadBatch(ref stage, PumpStage.Visitor, PumpStage.MaxMessages);

        Assert.Equal(ReadStatus.Lost, result.Status);
        Assert.True(result.LostCount > 0);
    }

    public void Dispose()
    {
        // The ring and its writer's lease beside it.
        foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
        {
            File.Delete(file);
        }
    }

    private static void Publish(BroadcastWriter writer, long connection, string text)
    {
        var header = new byte[EventHeader.Size];
        new EventHeader(EventKind.Data, connection, WebSocketMessageType.Text, 0).Write(header);
        writer.Publish(header, System.Text.Encoding.UTF8.GetBytes(text));
    }
}

using System.Buffers.Binary;
using System.Net.WebSockets;
using MessagePack;

namespace WebsocketProxy.Alpaca.Simulator.Tests.Support;

/// <summary>
/// A client of the MessagePack protocol (the options feeds speak nothing else): sends JSON text packed as MessagePack
/// in binary frames and reads every binary frame as a list of maps, keeping each value's MessagePack type visible
/// (strings as <see cref="string"/>, floats as <see cref="double"/>, integers as <see cref="long"/>, timestamps as
/// <see cref="PackedTimestamp"/>).
/// </summary>
internal sealed class PackClient : IAsyncDisposable
{
    private static readonly Dictionary<string, string> MessagePackHeaders = new() { ["Content-Type"] = "application/msgpack" };

    private readonly Queue<Dictionary<string, object>> _pending = new();

    private PackClient(RawClient raw)
    {
        Raw = raw;
    }

    public RawClient Raw { get; }

    public static async Task<PackClient> ConnectAsync(Uri uri) =>
        new(await RawClient.ConnectWithHeadersAsync(uri, MessagePackHeaders));

    /// <summary>Connects with the MessagePack handshake, reads "connected", authenticates and reads "authenticated".</summary>
    public static async Task<PackClient> ConnectAuthenticatedAsync(AlpacaMarketSimulator sim, AlpacaSimulatorFeed feed)
    {
        var client = await ConnectAsync(sim.GetUri(feed));
        Assert.Equal("connected", (await client.ReceiveSingleAsync())["msg"]);
        await client.SendAsync(Messages.Auth(sim));
        Assert.Equal("authenticated", (await client.ReceiveSingleAsync())["msg"]);
        return client;
    }

    public async Task SendAsync(string json)
    {
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await Raw.Socket.SendAsync(MessagePackSerializer.ConvertFromJson(json), WebSocketMessageType.Binary, true, cts.Token);
    }

    /// <summary>The next frame, which must be binary: an array of maps.</summary>
    public async Task<List<Dictionary<string, object>>> ReceiveFrameAsync()
    {
        Assert.True(_pending.Count == 0, "Messages of an earlier frame are still unread: use ReceiveUntilAsync.");
        var (payload, type) = await Raw.ReceiveRawAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        return Decode(payload);
    }

    public async Task<Dictionary<string, object>> ReceiveSingleAsync() => Assert.Single(await ReceiveFrameAsync());

    /// <summary>Reads messages (the rest of a frame first) until one matches, failing after the timeout.</summary>
    public async Task<Dictionary<string, object>> ReceiveUntilAsync(Func<Dictionary<string, object>, bool> match, List<Dictionary<string, object>>? seen = null)
    {
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        while (true)
        {
            cts.Token.ThrowIfCancellationRequested();
            if (_pending.Count == 0)
            {
                foreach (var received in await ReceiveFrameAsync())
                {
                    _pending.Enqueue(received);
                }

                continue;
            }

            var message = _pending.Dequeue();
            seen?.Add(message);
            if (match(message))
            {
                return message;
            }
        }
    }

    public ValueTask DisposeAsync() => Raw.DisposeAsync();

    public static List<Dictionary<string, object>> Decode(byte[] payload)
    {
        var reader = new MessagePackReader(payload);
        var count = reader.ReadArrayHeader();
        var result = new List<Dictionary<string, object>>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add((Dictionary<string, object>)ReadValue(ref reader));
        }

        Assert.True(reader.End, "A frame holds one array and nothing after it.");
        return result;
    }

    private static object ReadValue(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
                var map = new Dictionary<string, object>();
                var entries = reader.ReadMapHeader();
                for (var i = 0; i < entries; i++)
                {
                    var key = reader.ReadString()!;
                    map[key] = ReadValue(ref reader);
                }

                return map;
            case MessagePackType.Array:
                var items = new object[reader.ReadArrayHeader()];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ReadValue(ref reader);
                }

                return items;
            case MessagePackType.String:
                return reader.ReadString()!;
            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.Integer:
                return reader.ReadInt64();
            case MessagePackType.Boolean:
                return reader.ReadBoolean();
            case MessagePackType.Extension:
                var header = reader.ReadExtensionFormatHeader();
                Assert.Equal(-1, header.TypeCode);
                return PackedTimestamp.Decode(System.Buffers.BuffersExtensions.ToArray(reader.ReadRaw(header.Length)));
            default:
                throw new InvalidDataException($"Unexpected MessagePack type {reader.NextMessagePackType}.");
        }
    }
}

/// <summary>A MessagePack timestamp (extension type -1) with its full nanoseconds.</summary>
internal readonly record struct PackedTimestamp(long Seconds, uint Nanos)
{
    public long TotalNanos => (Seconds * 1_000_000_000) + Nanos;

    public static PackedTimestamp Decode(byte[] data) => data.Length switch
    {
        4 => new(BinaryPrimitives.ReadUInt32BigEndian(data), 0),
        8 => new((long)(BinaryPrimitives.ReadUInt64BigEndian(data) & 0x3_FFFF_FFFF), (uint)(BinaryPrimitives.ReadUInt64BigEndian(data) >> 34)),
        12 => new(BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(4)), BinaryPrimitives.ReadUInt32BigEndian(data)),
        _ => throw new InvalidDataException("Not a timestamp extension."),
    };
}

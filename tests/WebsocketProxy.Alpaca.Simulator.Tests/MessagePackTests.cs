using System.Net.WebSockets;
using MessagePack;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class MessagePackTests
{
    private static readonly Dictionary<string, string> MessagePackHeaders = new() { ["Content-Type"] = "application/msgpack" };

    [Fact]
    public async Task Handshake_ContentTypeMsgpack_BothDirectionsUseBinaryMessagePack()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(Messages.FastMarket);
        await using var client = await RawClient.ConnectWithHeadersAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), MessagePackHeaders);

        var connected = await ReceiveMapsAsync(client);
        Assert.Equal("success", Assert.Single(connected)["T"]);
        Assert.Equal("connected", connected[0]["msg"]);

        await SendAsync(client, Messages.Auth(sim));
        Assert.Equal("authenticated", Assert.Single(await ReceiveMapsAsync(client))["msg"]);

        await SendAsync(client, """{"action":"subscribe","trades":["AAPL"]}""");
        var subscription = Assert.Single(await ReceiveMapsAsync(client));
        Assert.Equal("subscription", subscription["T"]);
        Assert.Equal(new object[] { "AAPL" }, (object[])subscription["trades"]);

        Dictionary<string, object> trade;
        do
        {
            trade = (await ReceiveMapsAsync(client)).FirstOrDefault(m => (string)m["T"] == "t") ?? [];
        }
        while (trade.Count == 0);

        Assert.Equal("AAPL", trade["S"]);
        Assert.IsType<double>(trade["p"]);
        var timestamp = Assert.IsType<Timestamp>(trade["t"]);
        Assert.InRange(timestamp.Nanos, 0u, 999_999_999u);
        Assert.Equal(2024, DateTimeOffset.FromUnixTimeSeconds(timestamp.Seconds).Year);

        var received = Assert.Single(sim.Counters.Connections).ReceivedMessages;
        Assert.Equal("""{"action":"subscribe","trades":["AAPL"]}""", received[1]);
    }

    [Fact]
    public async Task Binary_NotMessagePack_Error400()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectWithHeadersAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), MessagePackHeaders);
        await ReceiveMapsAsync(client);
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await client.Socket.SendAsync(new byte[] { 0xc1 }, WebSocketMessageType.Binary, true, cts.Token);
        var error = Assert.Single(await ReceiveMapsAsync(client));
        Assert.Equal(400L, Convert.ToInt64(error["code"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Auth_PackedAndSentBeforeConnectedArrives_AsTheJsSdkDoes_Authenticated()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectWithHeadersAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), MessagePackHeaders);

        await SendAsync(client, Messages.Auth(sim));

        Assert.Equal("connected", Assert.Single(await ReceiveMapsAsync(client))["msg"]);
        Assert.Equal("authenticated", Assert.Single(await ReceiveMapsAsync(client))["msg"]);
    }

    [Fact]
    public async Task Subscribe_PackedMessageSplitOverFrames_AsAlpacaPyDoes_OneSubscribe()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectWithHeadersAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), MessagePackHeaders);
        await ReceiveMapsAsync(client);
        await SendAsync(client, Messages.Auth(sim));
        await ReceiveMapsAsync(client);
        var packed = MessagePackSerializer.ConvertFromJson("""{"action":"subscribe","trades":["AAPL"],"quotes":["MSFT"]}""");

        using (var cts = new CancellationTokenSource(RawClient.Timeout))
        {
            await client.Socket.SendAsync(packed.AsMemory(0, 7), WebSocketMessageType.Binary, false, cts.Token);
            await client.Socket.SendAsync(packed.AsMemory(7), WebSocketMessageType.Binary, true, cts.Token);
        }

        var subscription = Assert.Single(await ReceiveMapsAsync(client));
        Assert.Equal(new object[] { "AAPL" }, (object[])subscription["trades"]);
        Assert.Equal(new object[] { "MSFT" }, (object[])subscription["quotes"]);
        await SendAsync(client, """{"action":"unsubscribe","trades":["AAPL"]}""");
        var after = Assert.Single(await ReceiveMapsAsync(client));
        Assert.Empty((object[])after["trades"]);
        Assert.Equal(new object[] { "MSFT" }, (object[])after["quotes"]);
    }

    [Fact]
    public async Task Binary_TwoPackedMessagesInOneFrame_Error400LikeJson()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectWithHeadersAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), MessagePackHeaders);
        await ReceiveMapsAsync(client);
        byte[] two = [.. MessagePackSerializer.ConvertFromJson(Messages.Auth(sim)), .. MessagePackSerializer.ConvertFromJson(Messages.Auth(sim))];

        using (var cts = new CancellationTokenSource(RawClient.Timeout))
        {
            await client.Socket.SendAsync(two, WebSocketMessageType.Binary, true, cts.Token);
        }

        var error = Assert.Single(await ReceiveMapsAsync(client));
        Assert.Equal("error", error["T"]);
        Assert.Equal(400L, Convert.ToInt64(error["code"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.False(Assert.Single(sim.Counters.Connections).IsAuthenticated);
    }

    [Fact]
    public async Task Auth_PackedWrongSecret_Error402InMessagePack()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectWithHeadersAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), MessagePackHeaders);
        await ReceiveMapsAsync(client);

        await SendAsync(client, $$"""{"action":"auth","key":"{{sim.Credentials.KeyId}}","secret":"wrong"}""");

        var error = Assert.Single(await ReceiveMapsAsync(client));
        Assert.Equal(("error", 402L), ((string)error["T"], Convert.ToInt64(error["code"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("auth failed", error["msg"]);
    }

    private static async Task SendAsync(RawClient client, string json)
    {
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        await client.Socket.SendAsync(MessagePackSerializer.ConvertFromJson(json), WebSocketMessageType.Binary, true, cts.Token);
    }

    /// <summary>Reads one binary frame: an array of maps, decoded by hand so timestamp extensions stay visible.</summary>
    private static async Task<List<Dictionary<string, object>>> ReceiveMapsAsync(RawClient client)
    {
        var (payload, type) = await client.ReceiveRawAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        var reader = new MessagePackReader(payload);
        var count = reader.ReadArrayHeader();
        var result = new List<Dictionary<string, object>>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add((Dictionary<string, object>)ReadValue(ref reader));
        }

        Assert.True(reader.End);
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
                var data = System.Buffers.BuffersExtensions.ToArray(reader.ReadRaw(header.Length));
                return Timestamp.Decode(data);
            default:
                reader.Skip();
                return "?";
        }
    }

    /// <summary>A MessagePack timestamp (extension type -1), decoded with its full nanoseconds.</summary>
    private readonly record struct Timestamp(long Seconds, uint Nanos)
    {
        public static Timestamp Decode(byte[] data) => data.Length switch
        {
            4 => new(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data), 0),
            8 => FromPacked(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(data)),
            12 => new(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(4)), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data)),
            _ => throw new InvalidDataException("Not a timestamp extension."),
        };

        private static Timestamp FromPacked(ulong packed) => new((long)(packed & 0x3_FFFF_FFFF), (uint)(packed >> 34));
    }
}

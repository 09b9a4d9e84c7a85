using MessagePack;
using WebsocketProxy.Alpaca.Gateway.Clients;
using WebsocketProxy.Alpaca.Gateway.Protocol;
using WebsocketProxy.Alpaca.Gateway.Routing;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Routing;

public sealed class FrameScanTests
{
    private static readonly GatewayEndpoint Stocks = GatewayEndpoint.Find("/v2/iex")!;
    private static readonly GatewayEndpoint News = GatewayEndpoint.Find("/v1beta1/news")!;

    private static byte[] Frame(string json) => MessagePackSerializer.ConvertFromJson(json);

    private static string Utf8(byte[]? bytes) => System.Text.Encoding.UTF8.GetString(Assert.IsType<byte[]>(bytes));

    private static ClientLedger Ledger(GatewayEndpoint endpoint, string channel, params string[] symbols) =>
        ClientLedger.Empty(endpoint).With(new Dictionary<int, string[]> { [endpoint.ChannelIndex(channel)] = symbols }, add: true, []);

    [Fact]
    public void BuildFor_MessagePackSubset_IsTheSelectedMessagesBytesUnderANewHeader()
    {
        var frame = Frame("""[{"T":"t","S":"AAPL","p":1.5},{"T":"q","S":"AAPL","bp":1},{"T":"c","S":"AAPL","x":"V"},{"T":"t","S":"MSFT","p":2}]""");
        var scan = new FrameScan(Stocks);
        Assert.True(scan.Scan(frame));

        var built = scan.BuildFor(Ledger(Stocks, "trades", "AAPL"), ClientCodec.MessagePack)!;

        // Trades and their correction, not the quote nor MSFT: byte for byte what upstream sent.
        byte[] expected = [0x92, .. scan.Bytes(0), .. scan.Bytes(2)];
        Assert.Equal(expected, built);
        Assert.Equal("""[{"T":"t","S":"AAPL","p":1.5},{"T":"c","S":"AAPL","x":"V"}]""", MessagePackSerializer.ConvertToJson(built));
    }

    [Fact]
    public void BuildFor_EveryMessageSelected_SharesOneCopyPerCodec()
    {
        var frame = Frame("""[{"T":"b","S":"AAPL","c":1},{"T":"b","S":"MSFT","c":2}]""");
        var scan = new FrameScan(Stocks);
        Assert.True(scan.Scan(frame));

        var first = scan.BuildFor(Ledger(Stocks, "bars", "*"), ClientCodec.MessagePack);
        var second = scan.BuildFor(Ledger(Stocks, "bars", "AAPL", "MSFT"), ClientCodec.MessagePack);
        var json = scan.BuildFor(Ledger(Stocks, "bars", "*"), ClientCodec.Json);

        Assert.Same(first, second);
        Assert.Equal(frame, first);
        Assert.Equal("""[{"T":"b","S":"AAPL","c":1},{"T":"b","S":"MSFT","c":2}]""", System.Text.Encoding.UTF8.GetString(json!));
        Assert.Null(scan.BuildFor(Ledger(Stocks, "bars", "NVDA"), ClientCodec.Json));
    }

    [Fact]
    public void BuildFor_JsonSubsetsOverConsecutiveFrames_EachFrameItsOwnMessages()
    {
        var scan = new FrameScan(Stocks);
        var trades = Ledger(Stocks, "trades", "AAPL");
        var quotes = Ledger(Stocks, "quotes", "AAPL");
        var first = new List<string>();
        var second = new List<string>();

        Assert.True(scan.Scan(Frame("""[{"T":"t","S":"AAPL","p":1.5},{"T":"q","S":"AAPL","bp":1},{"T":"t","S":"MSFT","p":2}]""")));
        first.Add(Utf8(scan.BuildFor(trades, ClientCodec.Json)));
        first.Add(Utf8(scan.BuildFor(quotes, ClientCodec.Json)));
        var firstTrades = scan.BuildFor(trades, ClientCodec.Json)!;
        Assert.True(scan.Scan(Frame("""[{"T":"q","S":"AAPL","bp":3,"ap":4},{"T":"t","S":"AAPL","p":2.25,"s":100}]""")));
        second.Add(Utf8(scan.BuildFor(quotes, ClientCodec.Json)));
        second.Add(Utf8(scan.BuildFor(trades, ClientCodec.Json)));

        Assert.Equal(["""[{"T":"t","S":"AAPL","p":1.5}]""", """[{"T":"q","S":"AAPL","bp":1}]"""], first);
        Assert.Equal(["""[{"T":"q","S":"AAPL","bp":3,"ap":4}]""", """[{"T":"t","S":"AAPL","p":2.25,"s":100}]"""], second);
        Assert.Equal("""[{"T":"t","S":"AAPL","p":1.5}]""", Utf8(firstTrades));
    }

    [Fact]
    public void BuildFor_MessagePackSubsetOfSixteenOrMore_HasAnArray16Header()
    {
        var messages = Enumerable.Range(0, 20).Select(i => $$"""{"T":"t","S":"AAPL","i":{{i}}}""").Append("""{"T":"t","S":"MSFT","i":99}""");
        var scan = new FrameScan(Stocks);
        Assert.True(scan.Scan(Frame("[" + string.Join(",", messages) + "]")));

        var built = scan.BuildFor(Ledger(Stocks, "trades", "AAPL"), ClientCodec.MessagePack)!;

        Assert.Equal([0xdc, 0x00, 20], built[..3]);
        var ids = System.Text.Json.JsonDocument.Parse(MessagePackSerializer.ConvertToJson(built)).RootElement.EnumerateArray().Select(m => m.GetProperty("i").GetInt32());
        Assert.Equal(Enumerable.Range(0, 20), ids);
    }

    [Fact]
    public void Matches_NewsArticle_AnyOfItsSymbols()
    {
        var frame = Frame("""[{"T":"n","id":1,"symbols":["TSLA","AAPL"]},{"T":"n","id":2,"symbols":[]},{"T":"n","id":3,"symbols":["MSFT"]}]""");
        var scan = new FrameScan(News);
        Assert.True(scan.Scan(frame));

        var aapl = Ledger(News, "news", "AAPL");

        Assert.True(scan.Matches(0, aapl));
        Assert.False(scan.Matches(1, aapl));
        Assert.False(scan.Matches(2, aapl));
        Assert.True(scan.Matches(1, Ledger(News, "news", "*")));
    }

    [Fact]
    public void Scan_ControlAndUnknownMessages_MatchNoLedger()
    {
        var frame = Frame("""[{"T":"subscription","trades":["AAPL"]},{"T":"zz","S":"AAPL"}]""");
        var scan = new FrameScan(Stocks);
        Assert.True(scan.Scan(frame));

        Assert.Equal(FrameScan.Control, scan.Messages[0].Channel);
        Assert.Equal(FrameScan.Unknown, scan.Messages[1].Channel);
        Assert.Null(scan.BuildFor(Ledger(Stocks, "trades", "*"), ClientCodec.MessagePack));
        Assert.False(scan.Scan(Frame("""{"T":"t"}""")));
    }
}

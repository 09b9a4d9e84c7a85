using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

public sealed class AlpacaDecodeContextTests
{
    private static readonly byte[] TradeMessage = Encoding.UTF8.GetBytes(
        """{"T":"t","S":"AAPL","i":52983525029461,"x":"V","p":189.42,"s":100,"c":["@","I"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"}""");

    [Fact]
    public void Read_SameSymbolTwice_ReturnsSameStringAndConditionsInstances()
    {
        var context = new AlpacaDecodeContext();

        var first = DecodeTrade(context);
        var second = DecodeTrade(context);

        Assert.Same(first.Symbol, second.Symbol);
        Assert.Same(first.Exchange, second.Exchange);
        Assert.Equal(first.Conditions, second.Conditions);
        Assert.Equal<string>(["@", "I"], second.Conditions);
    }

    [Fact]
    public void Intern_PastLimit_StillReturnsCorrectStringsWithoutCaching()
    {
        var context = new AlpacaDecodeContext(maxInternedStrings: 2);

        var values = Enumerable.Range(0, 5).Select(i => context.Intern(Encoding.UTF8.GetBytes($"S{i}"))).ToList();

        Assert.Equal(["S0", "S1", "S2", "S3", "S4"], values);
        Assert.Equal(2, context.InternedStringCount);
        Assert.Same(values[0], context.Intern("S0"u8));
    }

    [Fact]
    public void Intern_ShortKeysDifferingOnlyInLengthOrTrailingZero_KeepsThemApart()
    {
        // Keys of up to eight bytes are hashed as one number: "A", "A\0" and "A\0\0" are the same number
        // before the length is folded in, and the table must still tell them apart.
        var context = new AlpacaDecodeContext();
        string[] keys = ["A", "A\0", "A\0\0", "ABCDEFGH", "ABCDEFG", "ABCDEFGHI", "\0"];

        var first = keys.Select(key => context.Intern(Encoding.UTF8.GetBytes(key))).ToArray();
        var second = keys.Select(key => context.Intern(Encoding.UTF8.GetBytes(key))).ToArray();

        Assert.Equal(keys, first);
        Assert.Equal(keys.Length, context.InternedStringCount);
        Assert.All(keys.Select((_, i) => (first[i], second[i])), pair => Assert.Same(pair.Item1, pair.Item2));
    }

    [Fact]
    public void Intern_ManyDistinctKeys_GrowsAndFindsEveryOne()
    {
        var context = new AlpacaDecodeContext();
        var strings = Enumerable.Range(0, 1000).Select(i => context.Intern(Encoding.UTF8.GetBytes($"SYM{i}"))).ToList();

        for (var i = 0; i < strings.Count; i++)
        {
            Assert.Same(strings[i], context.Intern(Encoding.UTF8.GetBytes($"SYM{i}")));
        }

        Assert.Equal(1000, context.InternedStringCount);
    }

    [Fact]
    public async Task Intern_FromManyThreads_EveryThreadGetsTheSameInstance()
    {
        var context = new AlpacaDecodeContext();
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            start.Wait(TimeSpan.FromSeconds(10));
            return Enumerable.Range(0, 500).Select(i => context.Intern(Encoding.UTF8.GetBytes($"T{i}"))).ToList();
        })).ToList();

        start.Set();
        var results = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));

        for (var i = 0; i < 500; i++)
        {
            Assert.All(results, list => Assert.Same(results[0][i], list[i]));
        }
    }

    [Fact]
    public void Read_WarmTrade_AllocatesOnlyTheModel()
    {
        var context = new AlpacaDecodeContext();
        DecodeTrade(context);
        const int Count = 1000;

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            DecodeTrade(context);
        }

        var perMessage = (GC.GetAllocatedBytesForCurrentThread() - before) / Count;

        // A StockTrade is 16 bytes of header plus 96 of fields; anything more would be a per-message allocation.
        Assert.InRange(perMessage, 1, 120);
    }

    private static StockTrade DecodeTrade(AlpacaDecodeContext context)
    {
        var json = new Utf8JsonReader(TradeMessage);
        json.Read();
        return StockTradeDecoder.Read(ref json, context);
    }
}

using System.Text;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

/// <summary>Whatever arrives, decoding reports errors and never throws.</summary>
public sealed class MalformedInputTests
{
    private const string Frame =
        """[{"T":"t","S":"AAPL","i":1,"x":"V","p":189.42,"s":100,"c":["@"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"},""" +
        """{"T":"q","S":"MSFT","bp":1.5,"bs":2,"ap":1.6,"as":3,"c":["R"],"t":"2024-05-01T14:31:02Z"},""" +
        """{"T":"b","S":"IBM","o":1,"h":2,"l":0.5,"c":1.5,"v":10,"n":3,"vw":1.2,"t":"2024-05-01T14:30:00Z"},""" +
        """{"T":"error","code":406,"msg":"connection limit exceeded"}]""";

    [Fact]
    public void Decode_EveryTruncation_ReportsErrorsWithoutThrowing()
    {
        var bytes = Encoding.UTF8.GetBytes(Frame);
        for (var length = 0; length < bytes.Length; length++)
        {
            var errors = new List<AlpacaDecodeError>();
            var decoder = new AlpacaFrameDecoder(AlpacaStreamKind.Stocks, new AlpacaDecodeContext(), errors.Add);
            var messages = new List<IAlpacaMessage>();

            decoder.Decode(bytes.AsSpan(0, length), messages);

            Assert.True(errors.Count > 0, $"A frame cut at {length} bytes reported no error.");
            Assert.Equal(AlpacaDecodeErrorKind.MalformedJson, errors[^1].Kind);
            Assert.Equal(errors.Count, decoder.ErrorCount);
        }
    }

    [Fact]
    public void Decode_RandomByteCorruption_NeverThrowsAndAccountsForEveryElement()
    {
        var original = Encoding.UTF8.GetBytes(Frame);
        var random = new Random(20240501);
        for (var trial = 0; trial < 2000; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var errors = new List<AlpacaDecodeError>();
            var decoder = new AlpacaFrameDecoder(AlpacaStreamKind.Stocks, new AlpacaDecodeContext(), errors.Add);
            var messages = new List<IAlpacaMessage>();

            decoder.Decode(bytes, messages);

            Assert.True(messages.Count + errors.Count >= 1, $"Trial {trial} produced neither a message nor an error.");
            Assert.All(errors, error => Assert.False(string.IsNullOrWhiteSpace(error.Message)));
        }
    }

    [Fact]
    public void Decode_EscapedFieldNames_AreMatched()
    {
        var trade = FrameDecoding.Single<StockTrade>(AlpacaStreamKind.Stocks, """[{"\u0054":"t","p":1.5,"\u0053":"AAPL","\u0078":"V"}]""");

        Assert.Equal(("AAPL", 1.5m, "V"), (trade.Symbol, trade.Price, trade.Exchange));
    }
}

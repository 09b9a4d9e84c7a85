using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Errors;

namespace WebsocketProxy.Alpaca.Tests.Decoding;

public sealed class ControlMessageDecodingTests
{
    [Fact]
    public void Read_ErrorSample_ReadsCodeAndMessage()
    {
        var error = JsonDecoding.Read(ErrorMessageDecoder.Read, """{"T":"error","code":406,"msg":"connection limit exceeded"}""");

        Assert.Equal((AlpacaErrorCode.ConnectionLimitExceeded, "connection limit exceeded"), (error.Code, error.Message));
        Assert.Equal(AlpacaErrorCode.ConnectionLimitExceeded, error.ToException().Code);
    }

    [Fact]
    public void Read_ErrorWithUnlistedCode_KeepsNumber()
    {
        var error = JsonDecoding.Read(ErrorMessageDecoder.Read, """{"T":"error","code":499,"msg":"new"}""");

        Assert.Equal(499, (int)error.Code);
    }

    [Fact]
    public void Read_SubscriptionSample_ReadsEveryChannelAndMissingAsEmpty()
    {
        var state = JsonDecoding.Read(SubscriptionStateDecoder.Read,
            """{"T":"subscription","trades":["AAPL"],"quotes":["AAPL","MSFT"],"bars":["*"],"updatedBars":[],"dailyBars":[],"statuses":[],"lulds":[],"corrections":["AAPL"],"cancelErrors":["AAPL"]}""");

        Assert.Equal<string>(["AAPL"], state.Trades);
        Assert.Equal<string>(["AAPL", "MSFT"], state.Quotes);
        Assert.Equal<string>(["*"], state.Bars);
        Assert.True(state.UpdatedBars.IsEmpty && state.DailyBars.IsEmpty && state.Statuses.IsEmpty && state.Lulds.IsEmpty);
        Assert.Equal<string>(["AAPL"], state.Corrections);
        Assert.Equal<string>(["AAPL"], state.CancelErrors);
        Assert.True(state.Imbalances.IsEmpty && state.OrderBooks.IsEmpty && state.News.IsEmpty);
        Assert.Equal<string>(["AAPL", "MSFT"], state["quotes"]);
        Assert.True(state["unknown"].IsEmpty);
    }

    [Fact]
    public void Read_SubscriptionCryptoAndNews_ReadsOrderBooksAndNews()
    {
        var state = JsonDecoding.Read(SubscriptionStateDecoder.Read,
            """{"T":"subscription","orderbooks":["BTC/USD"],"news":["*"],"imbalances":["AAPL"],"later":{"x":1}}""");

        Assert.Equal<string>(["BTC/USD"], state.OrderBooks);
        Assert.Equal<string>(["*"], state.News);
        Assert.Equal<string>(["AAPL"], state.Imbalances);
    }
}

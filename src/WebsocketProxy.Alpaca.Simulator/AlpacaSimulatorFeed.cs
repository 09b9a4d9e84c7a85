namespace WebsocketProxy.Alpaca.Simulator;

/// <summary>The streams the simulator serves, each at the path the real service uses.</summary>
public enum AlpacaSimulatorFeed
{
    /// <summary>Stocks from IEX, <c>/v2/iex</c>.</summary>
    Iex,

    /// <summary>Stocks from every exchange, <c>/v2/sip</c>.</summary>
    Sip,

    /// <summary>Stocks from every exchange, delayed, <c>/v2/delayed_sip</c>.</summary>
    DelayedSip,

    /// <summary>The test stream that only carries <c>FAKEPACA</c>, <c>/v2/test</c>.</summary>
    Test,

    /// <summary>Crypto, <c>/v1beta3/crypto/us</c>.</summary>
    Crypto,

    /// <summary>News, <c>/v1beta1/news</c>.</summary>
    News,
}

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

    /// <summary>Crypto at Alpaca's own venue, <c>/v1beta3/crypto/us</c>.</summary>
    Crypto,

    /// <summary>News, <c>/v1beta1/news</c>.</summary>
    News,

    /// <summary>Stocks from Blue Ocean ATS (overnight trading), <c>/v1beta1/boats</c>; the simulator's stock market.</summary>
    Boats,

    /// <summary>Alpaca's overnight stock feed, <c>/v1beta1/overnight</c>; the simulator's stock market.</summary>
    Overnight,

    /// <summary>Crypto at the Kraken US venue, <c>/v1beta3/crypto/us-1</c>; the simulator's crypto market.</summary>
    CryptoUs1,

    /// <summary>Crypto at the Kraken EU venue, <c>/v1beta3/crypto/eu-1</c>; the simulator's crypto market.</summary>
    CryptoEu1,

    /// <summary>Options, indicative (derived) prices, <c>/v1beta1/indicative</c>: MessagePack only; the simulator's options market.</summary>
    Indicative,

    /// <summary>Options from OPRA, <c>/v1beta1/opra</c>: MessagePack only; the simulator's options market.</summary>
    Opra,
}

namespace WebsocketProxy.Alpaca;

/// <summary>
/// Which Alpaca trading account the trading stream and the order calls reach. Independent of
/// <see cref="AlpacaEnvironment"/>: paper and live accounts read the same market data.
/// </summary>
public enum AlpacaTradingEnvironment
{
    /// <summary>The paper (simulated money) account: <c>paper-api.alpaca.markets</c>. Paper keys work only here.</summary>
    Paper,

    /// <summary>The live (real money) account: <c>api.alpaca.markets</c>.</summary>
    Live,
}

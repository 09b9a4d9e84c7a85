namespace WebsocketProxy.Alpaca.Trading;

/// <summary>How an order is priced (<c>type</c>).</summary>
public enum OrderType
{
    /// <summary>A value this library does not know yet (or none); the order's raw text is kept where it matters.</summary>
    Unknown,

    /// <summary>At the market (<c>market</c>).</summary>
    Market,

    /// <summary>At the limit price or better (<c>limit</c>).</summary>
    Limit,

    /// <summary>A market order once the stop price is reached (<c>stop</c>).</summary>
    Stop,

    /// <summary>A limit order once the stop price is reached (<c>stop_limit</c>).</summary>
    StopLimit,

    /// <summary>A stop that trails the price by an amount or percentage (<c>trailing_stop</c>).</summary>
    TrailingStop,
}

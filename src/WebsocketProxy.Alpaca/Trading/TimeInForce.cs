namespace WebsocketProxy.Alpaca.Trading;

/// <summary>How long an order stays working (<c>time_in_force</c>).</summary>
public enum TimeInForce
{
    /// <summary>A value this library does not know yet (or none); the order's raw text is kept where it matters.</summary>
    Unknown,

    /// <summary>Until the end of the trading day (<c>day</c>).</summary>
    Day,

    /// <summary>Until canceled (<c>gtc</c>).</summary>
    Gtc,

    /// <summary>At the opening auction only (<c>opg</c>).</summary>
    Opg,

    /// <summary>At the closing auction only (<c>cls</c>).</summary>
    Cls,

    /// <summary>Immediately, whatever cannot fill is canceled (<c>ioc</c>).</summary>
    Ioc,

    /// <summary>Entirely and immediately, or not at all (<c>fok</c>).</summary>
    Fok,
}

namespace WebsocketProxy.Alpaca;

/// <summary>The stock data feed a stocks stream reads.</summary>
public enum AlpacaFeed
{
    /// <summary>IEX only (free plans): <c>/v2/iex</c>.</summary>
    Iex,

    /// <summary>All US exchanges (paid plans): <c>/v2/sip</c>.</summary>
    Sip,

    /// <summary>SIP delayed by 15 minutes: <c>/v2/delayed_sip</c>.</summary>
    DelayedSip,

    /// <summary>The test stream, open at any hour with the symbol <c>FAKEPACA</c>: <c>/v2/test</c>.</summary>
    Test,

    /// <summary>Blue Ocean ATS, the overnight venue: <c>/v1beta1/boats</c>.</summary>
    Boats,

    /// <summary>Alpaca's overnight feed (derived from BOATS): <c>/v1beta1/overnight</c>.</summary>
    Overnight,
}

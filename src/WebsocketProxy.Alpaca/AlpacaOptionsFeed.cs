namespace WebsocketProxy.Alpaca;

/// <summary>The option data feed an options stream reads; both speak MessagePack only.</summary>
public enum AlpacaOptionsFeed
{
    /// <summary>Indicative prices (free plans; derived from OPRA, trades delayed): <c>/v1beta1/indicative</c>.</summary>
    Indicative,

    /// <summary>The consolidated OPRA feed (paid plans): <c>/v1beta1/opra</c>.</summary>
    Opra,
}

namespace WebsocketProxy.Alpaca.Trading;

/// <summary>Which orders <see cref="AlpacaOrdersClient.ListAsync"/> returns (<c>status</c> of <c>GET /v2/orders</c>).</summary>
public enum OrderQueryStatus
{
    /// <summary>Orders still working (<c>open</c>), Alpaca's default.</summary>
    Open,

    /// <summary>Orders that are done: filled, canceled, expired, rejected (<c>closed</c>).</summary>
    Closed,

    /// <summary>Both (<c>all</c>).</summary>
    All,
}

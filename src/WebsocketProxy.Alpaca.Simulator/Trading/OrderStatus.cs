namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>Alpaca's order statuses that the simulator uses, and which of them count as open.</summary>
internal static class OrderStatus
{
    public const string Accepted = "accepted";
    public const string New = "new";
    public const string PartiallyFilled = "partially_filled";
    public const string Filled = "filled";
    public const string Canceled = "canceled";
    public const string Expired = "expired";
    public const string Rejected = "rejected";

    /// <summary>Open as <c>GET /v2/orders?status=open</c> means it: not yet done.</summary>
    public static bool IsOpen(string status) => status is Accepted or New or PartiallyFilled;
}

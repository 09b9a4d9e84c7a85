namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>The order types the simulator matches (trailing stops are refused).</summary>
internal enum OrderType
{
    Market,
    Limit,
    Stop,
    StopLimit,
}

namespace WebsocketProxy.Alpaca.Simulator.Trading;

internal enum OrderSide
{
    Buy,
    Sell,
}

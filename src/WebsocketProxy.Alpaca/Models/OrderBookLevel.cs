namespace WebsocketProxy.Alpaca.Models;

/// <summary>One price level of a crypto order book (<c>{"p":…,"s":…}</c>); a size of zero removes the level.</summary>
/// <param name="Price">Price of the level (<c>p</c>).</param>
/// <param name="Size">Size at that price (<c>s</c>).</param>
public readonly record struct OrderBookLevel(decimal Price, decimal Size);

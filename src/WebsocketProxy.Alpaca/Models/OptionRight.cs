namespace WebsocketProxy.Alpaca.Models;

/// <summary>What an option contract gives its holder the right to do.</summary>
public enum OptionRight
{
    /// <summary>A call: the right to buy the underlying at the strike (<c>C</c> in the OCC symbol).</summary>
    Call,

    /// <summary>A put: the right to sell the underlying at the strike (<c>P</c> in the OCC symbol).</summary>
    Put,
}

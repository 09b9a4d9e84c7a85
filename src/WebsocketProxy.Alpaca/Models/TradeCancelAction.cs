namespace WebsocketProxy.Alpaca.Models;

/// <summary>What a trade cancel/error message (<c>a</c>) did.</summary>
public enum TradeCancelAction
{
    /// <summary>The action letter was missing or unknown.</summary>
    Unknown,

    /// <summary>The trade was cancelled (<c>C</c>).</summary>
    Cancel,

    /// <summary>The trade was an error (<c>E</c>).</summary>
    Error,
}

namespace WebsocketProxy.Alpaca.Models;

/// <summary>A decoded message from an Alpaca stream.</summary>
public interface IAlpacaMessage
{
    /// <summary>Which kind of message this is.</summary>
    AlpacaMessageType MessageType { get; }
}

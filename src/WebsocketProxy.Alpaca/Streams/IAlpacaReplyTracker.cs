using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Reads the server's replies on one Alpaca connection: confirms subscriptions and reports server errors. Market
/// data (<see cref="AlpacaSubscriptionTracker"/>) and the trading stream (<see cref="AlpacaTradingTracker"/>) reply differently.
/// </summary>
internal interface IAlpacaReplyTracker : ISubscriptionConfirmer
{
    /// <summary>Every server error, after the tracker has used it.</summary>
    event Action<AlpacaStreamException>? ServerError;

    /// <summary>The router's control-message handler: true when the message was a reply this tracker reads.</summary>
    bool OnControlMessage(ControlMessage message);
}

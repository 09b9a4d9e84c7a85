namespace WebsocketProxy.Alpaca.Errors;

/// <summary>Maps Alpaca error codes to what a shared-connection proxy should do.</summary>
internal static class AlpacaErrorClassifier
{
    /// <summary>The action for <paramref name="code"/>; unknown codes reconnect with backoff (a bounded number of times in a row), the safe choice for a shared connection.</summary>
    public static AlpacaErrorAction Classify(AlpacaErrorCode code) => code switch
    {
        AlpacaErrorCode.AlreadyAuthenticated => AlpacaErrorAction.Ignore,
        AlpacaErrorCode.InvalidSyntax
            or AlpacaErrorCode.SymbolLimitExceeded
            or AlpacaErrorCode.InvalidSubscribeAction
            or AlpacaErrorCode.MessagePackRequired
            or AlpacaErrorCode.StarSubscriptionNotAllowed => AlpacaErrorAction.FailRequest,
        AlpacaErrorCode.NotAuthenticated => AlpacaErrorAction.WaitForAuthentication,
        AlpacaErrorCode.AuthFailed
            or AlpacaErrorCode.V2NotEnabled
            or AlpacaErrorCode.InsufficientScope => AlpacaErrorAction.FatalForCredentials,
        AlpacaErrorCode.InsufficientSubscription => AlpacaErrorAction.FatalForFeed,
        _ => AlpacaErrorAction.ReconnectWithBackoff,
    };

    /// <summary>Whether the error ends streams for good (402, 408, 409, 411) rather than a single request or the current connection.</summary>
    public static bool IsFatal(AlpacaErrorCode code) =>
        Classify(code) is AlpacaErrorAction.FatalForCredentials or AlpacaErrorAction.FatalForFeed;

    /// <summary>Whether the error concerns only the request that caused it (400, 405, 410, 412, 413).</summary>
    public static bool IsRequestOnly(AlpacaErrorCode code) => Classify(code) == AlpacaErrorAction.FailRequest;

    /// <summary>
    /// A message that tells a user what the code means for them. 406 says plainly that something outside
    /// this proxy holds the connection, since that is the usual surprise.
    /// </summary>
    public static string Describe(AlpacaErrorCode code) => code switch
    {
        AlpacaErrorCode.InvalidSyntax => "Alpaca rejected a message as invalid syntax (400): check the symbol format (crypto symbols look like BTC/USD).",
        AlpacaErrorCode.NotAuthenticated => "Alpaca received a request before authentication (401); subscriptions are held until authenticated.",
        AlpacaErrorCode.AuthFailed => "Alpaca rejected the credentials (402): check the key id and secret. The proxy stops reconnecting with them.",
        AlpacaErrorCode.AlreadyAuthenticated => "The connection was already authenticated (403); nothing to do.",
        AlpacaErrorCode.AuthTimeout => "Alpaca closed the session because authentication did not arrive within 10 seconds (404); reconnecting.",
        AlpacaErrorCode.SymbolLimitExceeded => "Alpaca refused the subscription: symbol limit exceeded (405). The existing subscriptions are unchanged.",
        AlpacaErrorCode.ConnectionLimitExceeded => "Alpaca refused the connection (406): something outside this proxy already holds a connection for this account and endpoint (another program), or Alpaca still counts a connection that dropped less than about 90 s ago. After a drop the proxy waits and retries with backoff for ConnectionLimitRetryWindow; on a first connection it fails unless RetryOnConnectionLimit is set.",
        AlpacaErrorCode.SlowClient => "Alpaca dropped the connection because it read too slowly (407); reconnecting.",
        AlpacaErrorCode.V2NotEnabled => "Alpaca refused the session: v2 streaming is not enabled for this account (408). Enable it in the Alpaca dashboard; the proxy stops reconnecting with these credentials.",
        AlpacaErrorCode.InsufficientScope => "Alpaca refused the session: the credentials lack the scope (permission) for this stream (411). Use a key or token with access to it; the proxy stops reconnecting with them.",
        AlpacaErrorCode.InsufficientSubscription => "The Alpaca plan does not include this feed (409): streams on it end.",
        AlpacaErrorCode.InvalidSubscribeAction => "This Alpaca stream does not offer the requested channel (410).",
        AlpacaErrorCode.MessagePackRequired => "This Alpaca stream (options) is served in MessagePack only (412). AlpacaProxy.Options always asks for MessagePack; a JSON request there comes from a hand-made Url or connection: use MessagePack for it.",
        AlpacaErrorCode.StarSubscriptionNotAllowed => "'*' subscriptions are not allowed for option quotes (413).",
        AlpacaErrorCode.InternalError => "Alpaca reported an internal error (500): the proxy reconnects with backoff, and ends the streams if Alpaca keeps refusing.",
        _ => $"Alpaca reported error {(int)code}: the proxy reconnects with backoff, and ends the streams if Alpaca keeps refusing.",
    };
}

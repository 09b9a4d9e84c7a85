namespace WebsocketProxy.Alpaca.Errors;

/// <summary>What a shared-connection proxy should do about an Alpaca error code.</summary>
public enum AlpacaErrorAction
{
    /// <summary>Nothing to do (403 already authenticated).</summary>
    Ignore,

    /// <summary>Fail only the request that caused it and keep the connection (400, 405, 410, 412, 413).</summary>
    FailRequest,

    /// <summary>Hold subscriptions until authentication succeeds, then send them (401).</summary>
    WaitForAuthentication,

    /// <summary>Reconnect with backoff (404, 406, 407, 500 and unknown codes; a refusal before authentication is retried a bounded number of times in a row, 406 after a drop for a bounded time).</summary>
    ReconnectWithBackoff,

    /// <summary>Stop reconnecting with these credentials and tell every client (402, 408, 411).</summary>
    FatalForCredentials,

    /// <summary>The plan lacks this feed: end every stream on it (409).</summary>
    FatalForFeed,
}

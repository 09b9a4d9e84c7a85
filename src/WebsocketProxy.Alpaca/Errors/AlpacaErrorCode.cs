namespace WebsocketProxy.Alpaca.Errors;

/// <summary>The error codes Alpaca's streams send in <c>{"T":"error","code":…}</c>; other numbers are kept as they are.</summary>
#pragma warning disable CA1008 // No zero member: every value is a server code.
public enum AlpacaErrorCode
#pragma warning restore CA1008
{
    /// <summary>400 invalid syntax: a bad message or symbol format (crypto is <c>BTC/USD</c>).</summary>
    InvalidSyntax = 400,

    /// <summary>401 not authenticated: subscribed before authenticating.</summary>
    NotAuthenticated = 401,

    /// <summary>402 auth failed: wrong key id or secret.</summary>
    AuthFailed = 402,

    /// <summary>403 already authenticated.</summary>
    AlreadyAuthenticated = 403,

    /// <summary>404 auth timeout: no authentication within 10 seconds.</summary>
    AuthTimeout = 404,

    /// <summary>405 symbol limit exceeded: the subscription set stays as it was.</summary>
    SymbolLimitExceeded = 405,

    /// <summary>406 connection limit exceeded: another connection with these credentials is open.</summary>
    ConnectionLimitExceeded = 406,

    /// <summary>407 slow client: the reader fell behind.</summary>
    SlowClient = 407,

    /// <summary>408 v2 not enabled: the account cannot use the v2 streams.</summary>
    V2NotEnabled = 408,

    /// <summary>409 insufficient subscription: the plan lacks this feed.</summary>
    InsufficientSubscription = 409,

    /// <summary>410 invalid subscribe action for this feed.</summary>
    InvalidSubscribeAction = 410,

    /// <summary>411 insufficient scope: the key or token lacks the permission for this stream.</summary>
    InsufficientScope = 411,

    /// <summary>412 option messages are only available in MessagePack.</summary>
    MessagePackRequired = 412,

    /// <summary>413 star subscription is not allowed for option quotes.</summary>
    StarSubscriptionNotAllowed = 413,

    /// <summary>500 internal error.</summary>
    InternalError = 500,
}

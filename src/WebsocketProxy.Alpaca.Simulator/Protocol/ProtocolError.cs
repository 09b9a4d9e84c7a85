namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>An error the protocol defines, with the exact message the real service sends.</summary>
internal sealed record ProtocolError(int Code, string Message)
{
    public static ProtocolError InvalidSyntax { get; } = new(400, "invalid syntax");

    public static ProtocolError NotAuthenticated { get; } = new(401, "not authenticated");

    public static ProtocolError AuthFailed { get; } = new(402, "auth failed");

    public static ProtocolError AlreadyAuthenticated { get; } = new(403, "already authenticated");

    public static ProtocolError AuthTimeout { get; } = new(404, "auth timeout");

    public static ProtocolError SymbolLimitExceeded { get; } = new(405, "symbol limit exceeded");

    public static ProtocolError ConnectionLimitExceeded { get; } = new(406, "connection limit exceeded");

    public static ProtocolError SlowClient { get; } = new(407, "slow client");

    public static ProtocolError InsufficientSubscription { get; } = new(409, "insufficient subscription");

    public static ProtocolError InvalidSubscribeAction { get; } = new(410, "invalid subscribe action for this feed");

    public static ProtocolError V2NotEnabled { get; } = new(408, "v2 not enabled");

    public static ProtocolError InsufficientScope { get; } = new(411, "insufficient scope");

    public static ProtocolError OptionsNeedMessagePack { get; } = new(412, "option messages are only available in MsgPack format");

    public static ProtocolError StarNotAllowed { get; } = new(413, "star subscription is not allowed for option quotes");

    public static ProtocolError InternalError { get; } = new(500, "internal error");

    private static readonly ProtocolError[] Known =
    [
        InvalidSyntax, NotAuthenticated, AuthFailed, AlreadyAuthenticated, AuthTimeout, SymbolLimitExceeded, ConnectionLimitExceeded,
        SlowClient, V2NotEnabled, InsufficientSubscription, InvalidSubscribeAction, InsufficientScope, OptionsNeedMessagePack,
        StarNotAllowed, InternalError,
    ];

    /// <summary>The error the protocol defines for <paramref name="code"/>, or that code with the text "error".</summary>
    public static ProtocolError ForCode(int code) => Array.Find(Known, e => e.Code == code) ?? new(code, "error");
}

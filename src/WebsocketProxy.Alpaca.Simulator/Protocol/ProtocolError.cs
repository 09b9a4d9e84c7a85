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

    public static ProtocolError InternalError { get; } = new(500, "internal error");
}

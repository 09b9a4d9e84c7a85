namespace WebsocketProxy.Alpaca.Gateway.Protocol;

/// <summary>An error of Alpaca's protocol, with the text the real service sends.</summary>
internal sealed record GatewayError(int Code, string Message)
{
    public static GatewayError InvalidSyntax { get; } = new(400, "invalid syntax");

    public static GatewayError NotAuthenticated { get; } = new(401, "not authenticated");

    public static GatewayError AuthFailed { get; } = new(402, "auth failed");

    public static GatewayError AlreadyAuthenticated { get; } = new(403, "already authenticated");

    public static GatewayError AuthTimeout { get; } = new(404, "auth timeout");

    public static GatewayError SlowClient { get; } = new(407, "slow client");

    public static GatewayError InvalidSubscribeAction { get; } = new(410, "invalid subscribe action for this feed");

    public static GatewayError MessagePackRequired { get; } = new(412, "option messages are only available in MsgPack format");

    public static GatewayError StarNotAllowed { get; } = new(413, "star subscription is not allowed for option quotes");

    public static GatewayError InternalError { get; } = new(500, "internal error");
}

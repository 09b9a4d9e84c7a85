namespace WebsocketProxy.Alpaca.Models;

/// <summary>Control message <c>{"T":"success","msg":…}</c>.</summary>
public sealed record SuccessMessage : IAlpacaMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.Success;

    /// <summary>The server's text: <c>connected</c> or <c>authenticated</c>.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>Whether this is the greeting sent on connect.</summary>
    public bool IsConnected => Message == "connected";

    /// <summary>Whether this confirms authentication.</summary>
    public bool IsAuthenticated => Message == "authenticated";
}

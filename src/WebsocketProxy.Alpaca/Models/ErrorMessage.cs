using WebsocketProxy.Alpaca.Errors;

namespace WebsocketProxy.Alpaca.Models;

/// <summary>Control message <c>{"T":"error","code":…,"msg":…}</c>.</summary>
internal sealed record ErrorMessage
{
    /// <summary>The error code (<c>code</c>); codes this library does not know keep their number.</summary>
    public AlpacaErrorCode Code { get; init; }

    /// <summary>The server's text (<c>msg</c>).</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>The exception that tells a user what happened and what the proxy does about it.</summary>
    public AlpacaStreamException ToException() => new(Code, Message);
}

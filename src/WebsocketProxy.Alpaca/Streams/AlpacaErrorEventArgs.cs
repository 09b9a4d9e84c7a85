using WebsocketProxy.Alpaca.Errors;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>An error the Alpaca server reported on the shared connection (<c>{"T":"error"}</c>).</summary>
/// <param name="error">The error, with its code and the server's text.</param>
public sealed class AlpacaErrorEventArgs(AlpacaStreamException error) : EventArgs
{
    /// <summary>The error; <see cref="AlpacaStreamException.IsFatal"/> says whether it ended the streams.</summary>
    public AlpacaStreamException Error { get; } = error;
}

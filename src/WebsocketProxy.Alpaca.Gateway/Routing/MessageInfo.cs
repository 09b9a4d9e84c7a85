namespace WebsocketProxy.Alpaca.Gateway.Routing;

/// <summary>Where one message of a scanned frame is and what routes it.</summary>
internal struct MessageInfo
{
    /// <summary>Offset of the message map in the frame.</summary>
    public int Start;

    /// <summary>Its length in bytes.</summary>
    public int Length;

    /// <summary>The channel index in the endpoint, <see cref="FrameScan.Control"/> or <see cref="FrameScan.Unknown"/>.</summary>
    public int Channel;

    /// <summary>Offset of the symbol's UTF-8 bytes (<c>S</c>), or of the first element of a news article's <c>symbols</c>.</summary>
    public int SymbolStart;

    /// <summary>Length of the symbol's bytes.</summary>
    public int SymbolLength;

    /// <summary>-1 for a message with <c>S</c>; otherwise the number of elements of <c>symbols</c>.</summary>
    public int SymbolCount;
}

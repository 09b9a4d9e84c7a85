namespace WebsocketProxy.Alpaca.Gateway.Clients;

/// <summary>What a client's send loop does next.</summary>
internal enum OutgoingKind
{
    /// <summary>Market data: dropped when the client is cut off.</summary>
    Data,

    /// <summary>A control message (success, error, subscription).</summary>
    Control,

    /// <summary>The close handshake, with <see cref="OutgoingFrame.CloseReason"/>; nothing follows.</summary>
    Close,
}

/// <summary>One frame queued for a client.</summary>
internal readonly record struct OutgoingFrame(OutgoingKind Kind, byte[] Bytes, string? CloseReason = null, bool AfterCutOff = false);

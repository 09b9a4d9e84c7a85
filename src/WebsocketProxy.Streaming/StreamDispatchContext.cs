using System.Text;

namespace WebsocketProxy.Streaming;

/// <summary>
/// What a generated <see cref="StreamElementDispatcher"/> talks to: listener lookup (so only messages
/// someone listens to are decoded), delivery, and error reporting. Used on the frame reader only.
/// </summary>
public sealed class StreamDispatchContext
{
    private readonly ConnectionRouter _router;

    internal StreamDispatchContext(ConnectionRouter router) => _router = router;

    internal bool Unrecognized { get; set; }

    /// <summary>Finds the listeners of a symbol-routed message: those of its symbol and those of <c>*</c>.</summary>
    /// <param name="channel">The channel index.</param>
    /// <param name="symbol">The message's symbol, UTF-8.</param>
    /// <param name="targets">The listeners, when there are any.</param>
    /// <returns><see langword="true"/> when someone listens, so the message is worth decoding.</returns>
    public bool TryGetTargets(int channel, ReadOnlySpan<byte> symbol, out StreamTargets targets)
    {
        var listeners = _router.Listeners(channel);
        if (listeners.IsEmpty)
        {
            targets = default;
            return false;
        }

        StreamSubscription[]? bySymbol = null;
        string? key = null;
        if (listeners.HasSymbols)
        {
            Span<char> buffer = symbol.Length <= 128 ? stackalloc char[128] : new char[symbol.Length];
            var chars = buffer[..Encoding.UTF8.GetChars(symbol, buffer)];
            if (!listeners.TryGet(chars, out key, out bySymbol))
            {
                key = null;
                bySymbol = null;
            }
        }

        if (bySymbol is null && listeners.Wildcard.Length == 0)
        {
            targets = default;
            return false;
        }

        if (key is null && listeners.WildcardNeedsSymbol)
        {
            key = _router.Symbols.Intern(symbol);
        }

        targets = new StreamTargets(bySymbol, listeners.Wildcard, key);
        return true;
    }

    /// <summary>Finds the listeners of a message of a channel without symbol routing.</summary>
    public bool TryGetTargets(int channel, out StreamTargets targets)
    {
        var listeners = _router.Listeners(channel);
        targets = new StreamTargets(null, listeners.Wildcard, null);
        return listeners.Wildcard.Length > 0;
    }

    /// <summary>Hands a decoded message to its listeners. A listener that throws is reported and the others still get it.</summary>
    public void Deliver<T>(in StreamTargets targets, T value)
    {
        if (targets.BySymbol is { } bySymbol)
        {
            foreach (var listener in bySymbol)
            {
                Post(listener, value, targets.Symbol);
            }
        }

        foreach (var listener in targets.Wildcard)
        {
            Post(listener, value, targets.Symbol);
        }
    }

    /// <summary>
    /// Takes a MessagePack frame (one map, or an array of maps) apart and hands each map to
    /// <paramref name="dispatcher"/>; what no channel declares goes to the control handler. Malformed MessagePack is
    /// reported and counted like malformed JSON, and the frame's rest is skipped: it never throws.
    /// </summary>
    /// <param name="frame">The frame; valid only during the call.</param>
    /// <param name="dispatcher">The protocol's generated MessagePack dispatcher.</param>
    public void DispatchMessagePack(ReadOnlySpan<byte> frame, StreamMessagePackDispatcher dispatcher)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        _router.DispatchMessagePackFrame(frame, dispatcher);
    }

    /// <summary>Reports a message whose type code no channel declares; it goes to the control handler.</summary>
    public void ReportUnrecognized() => Unrecognized = true;

    /// <summary>Reports a message without discriminator.</summary>
    public void ReportMissingDiscriminator()
        => _router.ReportMalformedMessage($"A message has no '{_router.Protocol.Discriminator}' field; it was skipped.");

    /// <summary>Reports a symbol-routed message without symbol.</summary>
    public void ReportMissingSymbol(int channel)
        => _router.ReportMalformedMessage($"A '{_router.Protocol.Channels[channel].TypeCode}' message has no '{_router.Protocol.SymbolField}' string field; it was skipped.");

    /// <summary>Reports that a model decoder failed; the message is skipped.</summary>
    public void ReportDecodeFailure(int channel, Exception exception)
        => _router.ReportDecodeFailure(_router.Protocol.Channels[channel], exception);

    private void Post<T>(StreamSubscription listener, T value, string? symbol)
    {
        try
        {
            ((IStreamSink<T>)listener).Post(value, symbol);
            _router.CountDelivered();
        }
#pragma warning disable CA1031 // One misbehaving callback must not stop delivery to the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _router.ReportHandlerFailure($"A listener of channel '{listener.Channel.Name}'", ex);
        }
    }
}

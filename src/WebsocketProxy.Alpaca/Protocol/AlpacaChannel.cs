using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Protocol;

/// <summary>
/// A channel a client subscribes to (the key in subscribe messages), the type codes it delivers, the
/// streams that offer it, and its subscribe/unsubscribe message templates.
/// </summary>
public sealed partial class AlpacaChannel
{
    private AlpacaChannel(string key, ImmutableArray<string> typeCodes, ImmutableArray<AlpacaStreamKind> streams)
    {
        Key = key;
        TypeCodes = typeCodes;
        Streams = streams;
        Subscribe = AlpacaSubscriptionTemplate.Create("subscribe", key);
        Unsubscribe = AlpacaSubscriptionTemplate.Create("unsubscribe", key);
    }

    /// <summary>The key as the server spells it, for example <c>dailyBars</c>.</summary>
    public string Key { get; }

    /// <summary>
    /// The <c>T</c> codes this channel delivers. <c>trades</c> also brings corrections (<c>c</c>) and
    /// cancels (<c>x</c>) on stocks, which the server subscribes automatically.
    /// </summary>
    public ImmutableArray<string> TypeCodes { get; }

    /// <summary>The streams that offer this channel; others answer error 410.</summary>
    public ImmutableArray<AlpacaStreamKind> Streams { get; }

    /// <summary>The subscribe message template.</summary>
    public AlpacaSubscriptionTemplate Subscribe { get; }

    /// <summary>The unsubscribe message template.</summary>
    public AlpacaSubscriptionTemplate Unsubscribe { get; }

    /// <summary>Whether <paramref name="stream"/> offers this channel.</summary>
    public bool IsOfferedBy(AlpacaStreamKind stream) => Streams.Contains(stream);

    /// <inheritdoc />
    public override string ToString() => Key;
}

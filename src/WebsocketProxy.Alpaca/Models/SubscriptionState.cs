using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Models;

/// <summary>
/// Control message <c>subscription</c>: the WHOLE set the connection is subscribed to after a subscribe or
/// unsubscribe. A channel the server left out is empty.
/// </summary>
public sealed record SubscriptionState : IAlpacaMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.Subscription;

    /// <summary>Channel <c>trades</c>.</summary>
    public ImmutableArray<string> Trades { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Channel <c>quotes</c>.</summary>
    public ImmutableArray<string> Quotes { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Channel <c>bars</c>.</summary>
    public ImmutableArray<string> Bars { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Channel <c>dailyBars</c>.</summary>
    public ImmutableArray<string> DailyBars { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Channel <c>updatedBars</c>.</summary>
    public ImmutableArray<string> UpdatedBars { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Channel <c>statuses</c>.</summary>
    public ImmutableArray<string> Statuses { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Channel <c>lulds</c>.</summary>
    public ImmutableArray<string> Lulds { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Channel <c>imbalances</c>.</summary>
    public ImmutableArray<string> Imbalances { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Channel <c>corrections</c>: follows <see cref="Trades"/>; clients never send it.</summary>
    public ImmutableArray<string> Corrections { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Channel <c>cancelErrors</c>: follows <see cref="Trades"/>; clients never send it.</summary>
    public ImmutableArray<string> CancelErrors { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Channel <c>orderbooks</c> (crypto).</summary>
    public ImmutableArray<string> OrderBooks { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Channel <c>news</c>.</summary>
    public ImmutableArray<string> News { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>The list for a channel key as the server spells it (<c>dailyBars</c>); empty for unknown keys.</summary>
    public ImmutableArray<string> this[string channelKey] => channelKey switch
    {
        "trades" => Trades,
        "quotes" => Quotes,
        "bars" => Bars,
        "dailyBars" => DailyBars,
        "updatedBars" => UpdatedBars,
        "statuses" => Statuses,
        "lulds" => Lulds,
        "imbalances" => Imbalances,
        "corrections" => Corrections,
        "cancelErrors" => CancelErrors,
        "orderbooks" => OrderBooks,
        "news" => News,
        _ => ImmutableArray<string>.Empty,
    };
}

using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Models;

/// <summary>
/// Control message <c>subscription</c>: the WHOLE set the connection is subscribed to after a subscribe or
/// unsubscribe. A channel the server left out is empty.
/// </summary>
internal sealed record SubscriptionState
{
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

    /// <summary>Value equality, comparing the arrays element by element (an <see cref="System.Collections.Immutable.ImmutableArray{T}"/> alone compares by reference).</summary>
    public bool Equals(SubscriptionState? other) =>
        other is not null
            && ArrayEquality.Equal(Trades, other.Trades)
            && ArrayEquality.Equal(Quotes, other.Quotes)
            && ArrayEquality.Equal(Bars, other.Bars)
            && ArrayEquality.Equal(DailyBars, other.DailyBars)
            && ArrayEquality.Equal(UpdatedBars, other.UpdatedBars)
            && ArrayEquality.Equal(Statuses, other.Statuses)
            && ArrayEquality.Equal(Lulds, other.Lulds)
            && ArrayEquality.Equal(Imbalances, other.Imbalances)
            && ArrayEquality.Equal(Corrections, other.Corrections)
            && ArrayEquality.Equal(CancelErrors, other.CancelErrors)
            && ArrayEquality.Equal(OrderBooks, other.OrderBooks)
            && ArrayEquality.Equal(News, other.News);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ArrayEquality.Hash(Trades), ArrayEquality.Hash(Quotes), ArrayEquality.Hash(Bars), ArrayEquality.Hash(DailyBars), ArrayEquality.Hash(UpdatedBars), ArrayEquality.Hash(Statuses), ArrayEquality.Hash(Lulds), ArrayEquality.Hash(Imbalances));
}

using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Models;

/// <summary>A crypto order book update (<c>T</c> = <c>o</c>): changed levels, or the whole book when <see cref="IsReset"/>.</summary>
public sealed record CryptoOrderBook : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.CryptoOrderBook;

    /// <inheritdoc />
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Changed bid levels (<c>b</c>); a size of zero removes the level.</summary>
    public ImmutableArray<OrderBookLevel> Bids { get; init; } = ImmutableArray<OrderBookLevel>.Empty;

    /// <summary>Changed ask levels (<c>a</c>); a size of zero removes the level.</summary>
    public ImmutableArray<OrderBookLevel> Asks { get; init; } = ImmutableArray<OrderBookLevel>.Empty;

    /// <summary>Whether this replaces the whole book (<c>r</c>).</summary>
    public bool IsReset { get; init; }

    /// <summary>Value equality, comparing the arrays element by element (an <see cref="System.Collections.Immutable.ImmutableArray{T}"/> alone compares by reference).</summary>
    public bool Equals(CryptoOrderBook? other) =>
        other is not null
            && Symbol == other.Symbol
            && Timestamp == other.Timestamp
            && IsReset == other.IsReset
            && ArrayEquality.Equal(Bids, other.Bids)
            && ArrayEquality.Equal(Asks, other.Asks);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Symbol, Timestamp, IsReset);
}

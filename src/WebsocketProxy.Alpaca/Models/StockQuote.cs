using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Models;

/// <summary>A stock quote (<c>T</c> = <c>q</c>).</summary>
public sealed record StockQuote : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.StockQuote;

    /// <inheritdoc />
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Bid exchange (<c>bx</c>).</summary>
    public string BidExchange { get; init; } = string.Empty;

    /// <summary>Bid price (<c>bp</c>).</summary>
    public decimal BidPrice { get; init; }

    /// <summary>Bid size in round lots (<c>bs</c>).</summary>
    public long BidSize { get; init; }

    /// <summary>Ask exchange (<c>ax</c>).</summary>
    public string AskExchange { get; init; } = string.Empty;

    /// <summary>Ask price (<c>ap</c>).</summary>
    public decimal AskPrice { get; init; }

    /// <summary>Ask size in round lots (<c>as</c>).</summary>
    public long AskSize { get; init; }

    /// <summary>Quote conditions (<c>c</c>); empty when absent.</summary>
    public ImmutableArray<string> Conditions { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Tape (<c>z</c>).</summary>
    public string Tape { get; init; } = string.Empty;

    /// <summary>Value equality, comparing the arrays element by element (an <see cref="System.Collections.Immutable.ImmutableArray{T}"/> alone compares by reference).</summary>
    public bool Equals(StockQuote? other) =>
        other is not null
            && Symbol == other.Symbol
            && Timestamp == other.Timestamp
            && BidExchange == other.BidExchange
            && BidPrice == other.BidPrice
            && BidSize == other.BidSize
            && AskExchange == other.AskExchange
            && AskPrice == other.AskPrice
            && AskSize == other.AskSize
            && Tape == other.Tape
            && ArrayEquality.Equal(Conditions, other.Conditions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Symbol, Timestamp, BidExchange, BidPrice, BidSize, AskExchange);
}

using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Models;

/// <summary>A stock trade (<c>T</c> = <c>t</c>).</summary>
public sealed record StockTrade : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.StockTrade;

    /// <inheritdoc />
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Trade id (<c>i</c>).</summary>
    public long Id { get; init; }

    /// <summary>Exchange code (<c>x</c>).</summary>
    public string Exchange { get; init; } = string.Empty;

    /// <summary>Trade price (<c>p</c>).</summary>
    public decimal Price { get; init; }

    /// <summary>Trade size in shares (<c>s</c>).</summary>
    public long Size { get; init; }

    /// <summary>Trade conditions (<c>c</c>); empty when absent.</summary>
    public ImmutableArray<string> Conditions { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Tape (<c>z</c>).</summary>
    public string Tape { get; init; } = string.Empty;

    /// <summary>Value equality, comparing the arrays element by element (an <see cref="System.Collections.Immutable.ImmutableArray{T}"/> alone compares by reference).</summary>
    public bool Equals(StockTrade? other) =>
        other is not null
            && Symbol == other.Symbol
            && Timestamp == other.Timestamp
            && Id == other.Id
            && Exchange == other.Exchange
            && Price == other.Price
            && Size == other.Size
            && Tape == other.Tape
            && ArrayEquality.Equal(Conditions, other.Conditions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Symbol, Timestamp, Id, Exchange, Price, Size);
}

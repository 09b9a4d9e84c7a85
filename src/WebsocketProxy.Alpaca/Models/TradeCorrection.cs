using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Models;

/// <summary>A trade correction (<c>T</c> = <c>c</c>).</summary>
public sealed record TradeCorrection : IAlpacaSymbolMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.TradeCorrection;

    /// <inheritdoc />
    public required string Symbol { get; init; }

    /// <inheritdoc />
    public AlpacaTimestamp Timestamp { get; init; }

    /// <summary>Exchange code (<c>x</c>).</summary>
    public string Exchange { get; init; } = string.Empty;

    /// <summary>Original trade id (<c>oi</c>).</summary>
    public long OriginalId { get; init; }

    /// <summary>Original price (<c>op</c>).</summary>
    public decimal OriginalPrice { get; init; }

    /// <summary>Original size (<c>os</c>).</summary>
    public long OriginalSize { get; init; }

    /// <summary>Original conditions (<c>oc</c>).</summary>
    public ImmutableArray<string> OriginalConditions { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Corrected trade id (<c>ci</c>).</summary>
    public long CorrectedId { get; init; }

    /// <summary>Corrected price (<c>cp</c>).</summary>
    public decimal CorrectedPrice { get; init; }

    /// <summary>Corrected size (<c>cs</c>).</summary>
    public long CorrectedSize { get; init; }

    /// <summary>Corrected conditions (<c>cc</c>).</summary>
    public ImmutableArray<string> CorrectedConditions { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Tape (<c>z</c>).</summary>
    public string Tape { get; init; } = string.Empty;

    /// <summary>Value equality, comparing the arrays element by element (an <see cref="System.Collections.Immutable.ImmutableArray{T}"/> alone compares by reference).</summary>
    public bool Equals(TradeCorrection? other) =>
        other is not null
            && Symbol == other.Symbol
            && Timestamp == other.Timestamp
            && Exchange == other.Exchange
            && OriginalId == other.OriginalId
            && OriginalPrice == other.OriginalPrice
            && OriginalSize == other.OriginalSize
            && CorrectedId == other.CorrectedId
            && CorrectedPrice == other.CorrectedPrice
            && CorrectedSize == other.CorrectedSize
            && Tape == other.Tape
            && ArrayEquality.Equal(OriginalConditions, other.OriginalConditions)
            && ArrayEquality.Equal(CorrectedConditions, other.CorrectedConditions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Symbol, Timestamp, Exchange, OriginalId, OriginalPrice, OriginalSize);
}

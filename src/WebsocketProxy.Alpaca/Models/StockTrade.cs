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
}

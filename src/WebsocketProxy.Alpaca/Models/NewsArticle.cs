using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Models;

/// <summary>A news article (<c>T</c> = <c>n</c>); it has no single symbol (<c>S</c>) but a list of them.</summary>
public sealed record NewsArticle : IAlpacaMessage
{
    /// <inheritdoc />
    public AlpacaMessageType MessageType => AlpacaMessageType.News;

    /// <summary>Article id (<c>id</c>).</summary>
    public long Id { get; init; }

    /// <summary>Headline.</summary>
    public string Headline { get; init; } = string.Empty;

    /// <summary>Summary.</summary>
    public string Summary { get; init; } = string.Empty;

    /// <summary>Author.</summary>
    public string Author { get; init; } = string.Empty;

    /// <summary>Body, often HTML.</summary>
    public string Content { get; init; } = string.Empty;

    /// <summary>Source, for example <c>benzinga</c>.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Link to the article.</summary>
    public string Url { get; init; } = string.Empty;

    /// <summary>When the article was created (<c>created_at</c>).</summary>
    public AlpacaTimestamp CreatedAt { get; init; }

    /// <summary>When the article was last updated (<c>updated_at</c>).</summary>
    public AlpacaTimestamp UpdatedAt { get; init; }

    /// <summary>Symbols the article is about (<c>symbols</c>).</summary>
    public ImmutableArray<string> Symbols { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Value equality, comparing the arrays element by element (an <see cref="System.Collections.Immutable.ImmutableArray{T}"/> alone compares by reference).</summary>
    public bool Equals(NewsArticle? other) =>
        other is not null
            && Id == other.Id
            && Headline == other.Headline
            && Summary == other.Summary
            && Author == other.Author
            && Content == other.Content
            && Source == other.Source
            && Url == other.Url
            && CreatedAt == other.CreatedAt
            && UpdatedAt == other.UpdatedAt
            && ArrayEquality.Equal(Symbols, other.Symbols);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Headline, Summary, Author, Content, Source);
}

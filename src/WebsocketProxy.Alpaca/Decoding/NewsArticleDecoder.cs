using System.Collections.Immutable;
using System.Text.Json;
using WebsocketProxy.Alpaca.Models;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>Decodes news articles (<c>T</c> = <c>n</c>), which carry a <c>symbols</c> list instead of <c>S</c>.</summary>
internal static class NewsArticleDecoder
{
    /// <summary>Reads a <see cref="NewsArticle"/> from JSON; <paramref name="json"/> stands on the message's start and is left on its end.</summary>
    public static NewsArticle Read(ref Utf8JsonReader json, AlpacaDecodeContext context)
    {
        var reader = new JsonFieldReader(json, context);
        var message = Read(ref reader);
        json = reader.Json;
        return message;
    }

    /// <summary>
    /// Reads a <see cref="NewsArticle"/> from the JSON object at the start of <paramref name="json"/> (the generated
    /// dispatcher's fast path: a hand-written scanner, no <see cref="Utf8JsonReader"/>); <paramref name="consumed"/> is
    /// the object's length.
    /// </summary>
    public static NewsArticle ReadJson(ReadOnlySpan<byte> json, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new Utf8JsonFieldReader(json, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }

    /// <summary>
    /// Reads a <see cref="NewsArticle"/> from any wire format: the reader stands on the message's map and is left at
    /// its end. Fields come in any order; unknown ones are skipped.
    /// </summary>
    /// <exception cref="AlpacaDecodeException">A required field is missing or a value has the wrong type.</exception>
    public static NewsArticle Read<TReader>(ref TReader reader)
        where TReader : IAlpacaFieldReader, allows ref struct
    {
        if (!reader.BeginObject())
        {
            throw new AlpacaDecodeException("An 'n' message is null.");
        }

        long id = 0;
        string headline = string.Empty, summary = string.Empty, author = string.Empty;
        string content = string.Empty, source = string.Empty, url = string.Empty;
        AlpacaTimestamp createdAt = default, updatedAt = default;
        var symbols = ImmutableArray<string>.Empty;
        while (reader.TryReadField(out var name))
        {
            if (name.SequenceEqual("id"u8))
            {
                id = reader.ReadInt64();
            }
            else if (name.SequenceEqual("headline"u8))
            {
                headline = reader.ReadString();
            }
            else if (name.SequenceEqual("summary"u8))
            {
                summary = reader.ReadString();
            }
            else if (name.SequenceEqual("author"u8))
            {
                author = reader.ReadInternedString();
            }
            else if (name.SequenceEqual("content"u8))
            {
                content = reader.ReadString();
            }
            else if (name.SequenceEqual("source"u8))
            {
                source = reader.ReadInternedString();
            }
            else if (name.SequenceEqual("url"u8))
            {
                url = reader.ReadString();
            }
            else if (name.SequenceEqual("created_at"u8))
            {
                createdAt = reader.ReadTimestamp();
            }
            else if (name.SequenceEqual("updated_at"u8))
            {
                updatedAt = reader.ReadTimestamp();
            }
            else if (name.SequenceEqual("symbols"u8))
            {
                symbols = reader.ReadStringArray();
            }
            else
            {
                reader.Skip();
            }
        }

        return new NewsArticle
        {
            Id = id,
            Headline = headline,
            Summary = summary,
            Author = author,
            Content = content,
            Source = source,
            Url = url,
            CreatedAt = createdAt,
            UpdatedAt = updatedAt,
            Symbols = symbols,
        };
    }

    /// <summary>Reads a <see cref="NewsArticle"/> from the MessagePack map at the start of <paramref name="message"/>; <paramref name="consumed"/> is the map's length.</summary>
    public static NewsArticle Read(ReadOnlySpan<byte> message, out int consumed, AlpacaDecodeContext context)
    {
        var reader = new MessagePackFieldReader(message, context);
        var value = Read(ref reader);
        consumed = reader.Consumed;
        return value;
    }
}

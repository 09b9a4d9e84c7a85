using System.Text.Json;
using WebsocketProxy.Shared;

namespace WebsocketProxy.Streaming;

/// <summary>
/// JSON helpers for generated dispatchers: a hand-written scanner over the frame's bytes (strict RFC 8259), so that
/// finding a message's type code and symbol costs a few byte comparisons rather than a <see cref="Utf8JsonReader"/>
/// pass. Malformed or truncated text throws <see cref="JsonException"/>.
/// </summary>
public static class StreamJson
{
    /// <summary>
    /// Reads the properties of the object at the start of <paramref name="json"/> until its type code (and, when
    /// <paramref name="symbolField"/> is not empty, its symbol) are known, or the object ends. Values skipped on the
    /// way are checked.
    /// </summary>
    /// <param name="json">Starts with the object's opening brace (whitespace before it is allowed).</param>
    /// <param name="discriminator">The type code's property name, UTF-8.</param>
    /// <param name="symbolField">The symbol's property name, UTF-8, or empty for protocols without symbol routing.</param>
    /// <param name="hasTypeCode">Whether the object has the type code property.</param>
    /// <param name="typeCode">The type code's UTF-8 value; empty when it is not a string.</param>
    /// <param name="hasSymbol">Whether the object has the symbol property with a string value.</param>
    /// <param name="symbol">The symbol's UTF-8 value.</param>
    /// <exception cref="JsonException">The object is malformed before both were found.</exception>
    public static void ScanKeys(
        ReadOnlySpan<byte> json,
        ReadOnlySpan<byte> discriminator,
        ReadOnlySpan<byte> symbolField,
        out bool hasTypeCode,
        out ReadOnlySpan<byte> typeCode,
        out bool hasSymbol,
        out ReadOnlySpan<byte> symbol)
    {
        hasTypeCode = false;
        typeCode = default;
        hasSymbol = false;
        symbol = default;
        var routed = !symbolField.IsEmpty;
        var position = Utf8JsonScanner.SkipWhitespace(json, 0);
        if (Utf8JsonScanner.At(json, position) != '{')
        {
            throw Utf8JsonScanner.Malformed("an object", position);
        }

        position = Utf8JsonScanner.SkipWhitespace(json, position + 1);
        if (Utf8JsonScanner.At(json, position) == '}')
        {
            return;
        }

        while (true)
        {
            if (Utf8JsonScanner.At(json, position) != '"')
            {
                throw Utf8JsonScanner.Malformed("a property name", position);
            }

            var nameEnd = Utf8JsonScanner.SkipString(json, position, out var nameEscaped);
            var name = nameEscaped ? Utf8JsonScanner.Unescape(json[position..nameEnd]) : json[(position + 1)..(nameEnd - 1)];
            position = Utf8JsonScanner.SkipWhitespace(json, nameEnd);
            if (Utf8JsonScanner.At(json, position) != ':')
            {
                throw Utf8JsonScanner.Malformed("':'", position);
            }

            position = Utf8JsonScanner.SkipWhitespace(json, position + 1);
            if (name.SequenceEqual(discriminator))
            {
                hasTypeCode = true;
                position = ReadStringOrSkip(json, position, out typeCode, out _);
                if (!routed || hasSymbol)
                {
                    return;
                }
            }
            else if (routed && name.SequenceEqual(symbolField))
            {
                position = ReadStringOrSkip(json, position, out symbol, out hasSymbol);
                if (hasTypeCode)
                {
                    return;
                }
            }
            else
            {
                position = Utf8JsonScanner.SkipValue(json, position);
            }

            position = Utf8JsonScanner.SkipWhitespace(json, position);
            var next = Utf8JsonScanner.At(json, position);
            if (next == '}')
            {
                return;
            }

            if (next != ',')
            {
                throw Utf8JsonScanner.Malformed("',' or '}'", position);
            }

            position = Utf8JsonScanner.SkipWhitespace(json, position + 1);
        }
    }

    /// <summary>The length of the object (or any value) at the start of <paramref name="json"/>, checking it on the way.</summary>
    /// <exception cref="JsonException">The value is malformed or cut short.</exception>
    public static int SkipObject(ReadOnlySpan<byte> json) => Utf8JsonScanner.SkipValue(json, 0);

    private static int ReadStringOrSkip(ReadOnlySpan<byte> json, int position, out ReadOnlySpan<byte> value, out bool isString)
    {
        if (Utf8JsonScanner.At(json, position) != '"')
        {
            value = default;
            isString = false;
            return Utf8JsonScanner.SkipValue(json, position);
        }

        var end = Utf8JsonScanner.SkipString(json, position, out var escaped);
        value = escaped ? Utf8JsonScanner.Unescape(json[position..end]) : json[(position + 1)..(end - 1)];
        isString = true;
        return end;
    }
}

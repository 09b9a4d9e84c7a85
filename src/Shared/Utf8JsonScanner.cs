using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Shared;

/// <summary>
/// The pieces of a hand-written JSON scanner over one span (RFC 8259, strict): whitespace, strings, numbers,
/// literals and whole values, each checked as it is passed. The typed decoders read messages with these instead of
/// <see cref="Utf8JsonReader"/>, whose per-token state machine was most of a message's decode time; escaped strings
/// (rare in market data) are still unescaped by a <see cref="Utf8JsonReader"/> over the one string.
/// Positions are indexes into the span; anything malformed or cut short throws <see cref="JsonException"/>.
/// </summary>
internal static class Utf8JsonScanner
{
    /// <summary>How deeply <see cref="SkipValue(ReadOnlySpan{byte}, int)"/> follows nested objects and arrays.</summary>
    public const int MaxDepth = 64;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipWhitespace(ReadOnlySpan<byte> json, int position)
    {
        while ((uint)position < (uint)json.Length && json[position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            position++;
        }

        return position;
    }

    /// <summary>The byte at <paramref name="position"/>; throws when the text ends before it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ReadOnlySpan<byte> json, int position)
    {
        if ((uint)position >= (uint)json.Length)
        {
            ThrowTruncated();
        }

        return json[position];
    }

    /// <summary>
    /// Passes the string whose opening quote is at <paramref name="position"/>: returns the index after its closing
    /// quote; <paramref name="escaped"/> tells whether it holds escapes (its raw bytes are then not its value).
    /// Control characters are rejected, as JSON requires; escapes are checked when the value is unescaped.
    /// </summary>
    public static int SkipString(ReadOnlySpan<byte> json, int position, out bool escaped)
    {
        escaped = false;
        for (var i = position + 1; (uint)i < (uint)json.Length; i++)
        {
            var b = json[i];
            if (b == '"')
            {
                return i + 1;
            }

            if (b == '\\')
            {
                escaped = true;
                i++;
            }
            else if (b < 0x20)
            {
                throw Malformed("a control character inside a string", i);
            }
        }

        ThrowTruncated();
        return 0;
    }

    /// <summary>The value of the escaped string <paramref name="quoted"/> (quotes included), in UTF-8; allocates.</summary>
    public static byte[] Unescape(ReadOnlySpan<byte> quoted)
    {
        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return Encoding.UTF8.GetBytes(reader.GetString()!);
    }

    /// <summary>
    /// Checks the number at <paramref name="position"/> against JSON's grammar
    /// (<c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>) and returns the index after it.
    /// </summary>
    public static int SkipNumber(ReadOnlySpan<byte> json, int position, out bool isInteger)
    {
        var i = position;
        if (i < json.Length && json[i] == '-')
        {
            i++;
        }

        if (i >= json.Length || !IsDigit(json[i]))
        {
            throw Malformed("a number", position);
        }

        if (json[i] == '0')
        {
            i++;
        }
        else
        {
            i = SkipDigits(json, i);
        }

        isInteger = true;
        if (i < json.Length && json[i] == '.')
        {
            isInteger = false;
            i = SkipRequiredDigits(json, i + 1, position);
        }

        if (i < json.Length && (json[i] | 0x20) == 'e')
        {
            isInteger = false;
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            i = SkipRequiredDigits(json, i, position);
        }

        // A number must end where a value may end; "12a" or "0123" is not a number.
        if (i < json.Length && !IsValueEnd(json[i]))
        {
            throw Malformed("a number", position);
        }

        return i;
    }

    /// <summary>Passes the literal <paramref name="literal"/> at <paramref name="position"/>; returns the index after it.</summary>
    public static int SkipLiteral(ReadOnlySpan<byte> json, int position, ReadOnlySpan<byte> literal)
    {
        if (json.Length - position < literal.Length)
        {
            ThrowTruncated();
        }

        if (!json.Slice(position, literal.Length).SequenceEqual(literal))
        {
            throw Malformed(Encoding.ASCII.GetString(literal), position);
        }

        var end = position + literal.Length;
        return end < json.Length && !IsValueEnd(json[end]) ? throw Malformed(Encoding.ASCII.GetString(literal), position) : end;
    }

    /// <summary>Passes the whole value (after any whitespace) at <paramref name="position"/>, checking it; returns the index after it.</summary>
    public static int SkipValue(ReadOnlySpan<byte> json, int position) => SkipValue(json, position, 0);

    /// <summary>A <see cref="JsonException"/> for text that is not what was expected at <paramref name="position"/>.</summary>
    public static JsonException Malformed(string expected, int position) =>
        new($"Expected {expected} at byte {position}.");

    [DoesNotReturn]
    public static void ThrowTruncated() => throw new JsonException("The JSON text ends before its value is complete.");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static int SkipValue(ReadOnlySpan<byte> json, int position, int depth)
    {
        position = SkipWhitespace(json, position);
        switch (At(json, position))
        {
            case (byte)'"':
                return SkipString(json, position, out _);
            case (byte)'{':
                return SkipContainer(json, position, depth, isObject: true);
            case (byte)'[':
                return SkipContainer(json, position, depth, isObject: false);
            case (byte)'t':
                return SkipLiteral(json, position, "true"u8);
            case (byte)'f':
                return SkipLiteral(json, position, "false"u8);
            case (byte)'n':
                return SkipLiteral(json, position, "null"u8);
            default:
                return SkipNumber(json, position, out _);
        }
    }

    private static int SkipContainer(ReadOnlySpan<byte> json, int position, int depth, bool isObject)
    {
        if (depth >= MaxDepth)
        {
            throw new JsonException($"The JSON text nests deeper than {MaxDepth} objects and arrays.");
        }

        var close = isObject ? (byte)'}' : (byte)']';
        position = SkipWhitespace(json, position + 1);
        if (At(json, position) == close)
        {
            return position + 1;
        }

        while (true)
        {
            if (isObject)
            {
                if (At(json, position) != '"')
                {
                    throw Malformed("a property name", position);
                }

                position = SkipWhitespace(json, SkipString(json, position, out _));
                if (At(json, position) != ':')
                {
                    throw Malformed("':'", position);
                }

                position++;
            }

            position = SkipWhitespace(json, SkipValue(json, position, depth + 1));
            var next = At(json, position);
            if (next == close)
            {
                return position + 1;
            }

            if (next != ',')
            {
                throw Malformed(isObject ? "',' or '}'" : "',' or ']'", position);
            }

            position = SkipWhitespace(json, position + 1);
        }
    }

    private static int SkipDigits(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && IsDigit(json[i]))
        {
            i++;
        }

        return i;
    }

    private static int SkipRequiredDigits(ReadOnlySpan<byte> json, int i, int numberStart)
    {
        var end = SkipDigits(json, i);
        return end == i ? throw Malformed("a number", numberStart) : end;
    }

    private static bool IsValueEnd(byte b) => b is (byte)',' or (byte)'}' or (byte)']' or (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';
}

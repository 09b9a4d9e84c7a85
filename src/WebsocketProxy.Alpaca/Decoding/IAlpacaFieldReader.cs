using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// The wire format as decoders see it: a map of named fields with typed values. Decoders are written once
/// against this contract; <see cref="JsonFieldReader"/> reads JSON, and a MessagePack reader (maps with the same
/// keys, timestamps as extension -1) implements the same members without any decoder changing.
/// </summary>
/// <remarks>
/// Protocol: <see cref="BeginObject"/> opens a map; each <see cref="TryReadField"/> that returns true must be
/// followed by exactly one value read (a <c>Read…</c> method, <see cref="Skip"/>, <see cref="BeginObject"/> or
/// <see cref="BeginArray"/>); <see cref="TryReadField"/> returns false at the end of the map. Arrays work the
/// same way with <see cref="BeginArray"/> and <see cref="TryReadElement"/>. A <c>null</c> value reads as the
/// type's empty value (0, empty string, empty array, the epoch), so absent and null optional fields agree.
/// Implementations are ref structs, so decoders take them as a generic <c>allows ref struct</c> parameter and
/// the JIT specialises each decoder for each format: no interface dispatch per field.
/// </remarks>
internal interface IAlpacaFieldReader
{
    /// <summary>Opens the map at the current value; false if the value is null.</summary>
    /// <exception cref="AlpacaDecodeException">The value is not a map.</exception>
    bool BeginObject();

    /// <summary>Reads the next field name of the current map; false at its end.</summary>
    /// <param name="name">The field name in UTF-8, valid until the next call.</param>
    bool TryReadField(out ReadOnlySpan<byte> name);

    /// <summary>Opens the array at the current value; false if the value is null.</summary>
    /// <exception cref="AlpacaDecodeException">The value is not an array.</exception>
    bool BeginArray();

    /// <summary>Moves to the next element of the current array; false at its end.</summary>
    bool TryReadElement();

    /// <summary>Reads a string, allocating it: for long unique text such as headlines.</summary>
    string ReadString();

    /// <summary>Reads a short repeated string (symbol, exchange, tape, code) from the context's intern table.</summary>
    string ReadInternedString();

    /// <summary>Reads an integer.</summary>
    long ReadInt64();

    /// <summary>Reads a number as an exact decimal.</summary>
    decimal ReadDecimal();

    /// <summary>Reads a boolean.</summary>
    bool ReadBoolean();

    /// <summary>Reads a timestamp: RFC 3339 text in JSON, extension -1 in MessagePack.</summary>
    AlpacaTimestamp ReadTimestamp();

    /// <summary>Reads an array of short strings (conditions, symbols) from the context's cache of such arrays.</summary>
    ImmutableArray<string> ReadStringArray();

    /// <summary>Skips the current value, whatever it is.</summary>
    void Skip();
}

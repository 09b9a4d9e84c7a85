using System.Text;

namespace WebsocketProxy.Client;

/// <summary>
/// A byte sequence that, found anywhere in an upstream message, marks it (ready, refused, ...). The proxy matches
/// bytes and knows no message format: a JSON service's marker is text (<c>"msg":"authenticated"</c>, matched as
/// UTF-8); a binary service's (MessagePack, say) is the bytes its replies contain. A string converts to a text marker.
/// </summary>
public sealed class FrameMarker : IEquatable<FrameMarker>
{
    /// <summary>The longest marker, in bytes: markers are short fragments of a reply, not whole messages.</summary>
    public const int MaxLength = 4096;

    private readonly byte[] _bytes;

    private FrameMarker(byte[] bytes, bool isText)
    {
        _bytes = bytes;
        IsText = isText;
    }

    /// <summary>The bytes that are searched for.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>Whether the marker was made from text (and so reads back as it in messages).</summary>
    public bool IsText { get; }

    /// <summary>A marker that matches <paramref name="text"/> encoded as UTF-8.</summary>
    /// <param name="text">The text, not empty.</param>
    /// <returns>The marker.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> is empty or longer than <see cref="MaxLength"/> bytes.</exception>
    public static FrameMarker FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new FrameMarker(Checked(Encoding.UTF8.GetBytes(text)), isText: true);
    }

    /// <summary>A marker that matches <paramref name="bytes"/> exactly (a fragment of a binary reply).</summary>
    /// <param name="bytes">The bytes, not empty; copied.</param>
    /// <returns>The marker.</returns>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is empty or longer than <see cref="MaxLength"/>.</exception>
    public static FrameMarker FromBytes(ReadOnlySpan<byte> bytes) => new(Checked(bytes.ToArray()), isText: false);

    /// <summary>A text marker: see <see cref="FromText"/>.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator FrameMarker(string text) => FromText(text);

    /// <inheritdoc/>
    public bool Equals(FrameMarker? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FrameMarker);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>The text of a text marker, else the bytes in hexadecimal.</summary>
    /// <returns>A readable form for messages.</returns>
    public override string ToString() => IsText ? Encoding.UTF8.GetString(_bytes) : "0x" + Convert.ToHexString(_bytes);

    private static byte[] Checked(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            throw new ArgumentException("A marker must not be empty: it would match every message.", nameof(bytes));
        }

        return bytes.Length <= MaxLength
            ? bytes
            : throw new ArgumentException($"A marker is at most {MaxLength} bytes (got {bytes.Length}).", nameof(bytes));
    }
}

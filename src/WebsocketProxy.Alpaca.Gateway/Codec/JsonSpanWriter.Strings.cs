using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace WebsocketProxy.Alpaca.Gateway.Codec;

internal ref partial struct JsonSpanWriter
{
    /// <summary>The bytes JSON requires escaped inside a string: control characters, the quote and the backslash.</summary>
    private static readonly SearchValues<byte> MustEscape = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'"', (byte)'\\']);

    private static ReadOnlySpan<byte> Hex => "0123456789abcdef"u8;

    /// <summary>
    /// A MessagePack string's UTF-8 bytes as a JSON string. Only what JSON requires is escaped (control characters
    /// as Go writes them, the quote, the backslash); other text, U+2028 and HTML characters included, is copied as
    /// it is, which every JSON parser reads as the same value. Invalid UTF-8 becomes U+FFFD, as in Go's encoder,
    /// so a client's parser never sees a byte sequence it must reject.
    /// </summary>
    public void WriteString(scoped ReadOnlySpan<byte> utf8)
    {
        WriteByte((byte)'"');
        if (Utf8.IsValid(utf8))
        {
            WriteEscaped(utf8);
        }
        else
        {
            WriteReplacingInvalid(utf8);
        }

        WriteByte((byte)'"');
    }

    /// <summary>Bytes as a base64 JSON string, as Go's encoder writes a byte slice.</summary>
    public void WriteBase64(scoped ReadOnlySpan<byte> bytes)
    {
        WriteByte((byte)'"');
        Base64.EncodeToUtf8(bytes, _buffer[Written..], out _, out var written);
        Written += written;
        WriteByte((byte)'"');
    }

    private void WriteEscaped(scoped ReadOnlySpan<byte> utf8)
    {
        while (true)
        {
            var next = utf8.IndexOfAny(MustEscape);
            if (next < 0)
            {
                WriteRaw(utf8);
                return;
            }

            WriteRaw(utf8[..next]);
            WriteEscape(utf8[next]);
            utf8 = utf8[(next + 1)..];
        }
    }

    private void WriteEscape(byte value)
    {
        WriteByte((byte)'\\');
        switch (value)
        {
            case (byte)'"' or (byte)'\\':
                WriteByte(value);
                break;
            case (byte)'\n':
                WriteByte((byte)'n');
                break;
            case (byte)'\r':
                WriteByte((byte)'r');
                break;
            case (byte)'\t':
                WriteByte((byte)'t');
                break;
            case (byte)'\b':
                WriteByte((byte)'b');
                break;
            case (byte)'\f':
                WriteByte((byte)'f');
                break;
            default:
                WriteRaw("u00"u8);
                WriteByte(Hex[value >> 4]);
                WriteByte(Hex[value & 0xf]);
                break;
        }
    }

    private void WriteReplacingInvalid(scoped ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(utf8, out _, out var consumed);
            if (status == OperationStatus.Done)
            {
                WriteEscaped(utf8[..consumed]);
            }
            else
            {
                // U+FFFD in UTF-8: three bytes for one or more input bytes, within the length bound.
                WriteRaw("\uFFFD"u8);
            }

            utf8 = utf8[consumed..];
        }
    }
}

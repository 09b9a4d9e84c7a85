namespace WebsocketProxy.Alpaca;

public readonly partial struct AlpacaTimestamp : ISpanFormattable, IUtf8SpanFormattable
{
    /// <summary>Writes the canonical RFC 3339 form as UTF-8 (at most 35 bytes); the format string is ignored.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        TryFormat(utf8Destination, out bytesWritten);

    /// <summary>Writes the canonical RFC 3339 form as UTF-8: nine fraction digits at most, trailing zeros removed.</summary>
    public bool TryFormat(Span<byte> utf8Destination, out int bytesWritten)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = FormatCore(buffer);
        if (length > utf8Destination.Length)
        {
            bytesWritten = 0;
            return false;
        }

        buffer[..length].CopyTo(utf8Destination);
        bytesWritten = length;
        return true;
    }

    /// <summary>Writes the canonical RFC 3339 form; the format string is ignored.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        var length = FormatCore(buffer);
        if (length > destination.Length)
        {
            charsWritten = 0;
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            destination[i] = (char)buffer[i];
        }

        charsWritten = length;
        return true;
    }

    /// <summary>The canonical RFC 3339 form; the format string is ignored.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>The canonical RFC 3339 form, for example <c>2024-05-01T14:31:02.123456789Z</c>.</summary>
    public override string ToString() => string.Create(null, stackalloc char[MaxLength], $"{this}");

    private int FormatCore(Span<byte> buffer)
    {
        var local = new DateTime(
            DateTime.UnixEpoch.Ticks + ((_unixSeconds + (_offsetMinutes * 60L)) * TimeSpan.TicksPerSecond),
            DateTimeKind.Unspecified);
        WriteDigits(buffer, 0, 4, local.Year);
        buffer[4] = (byte)'-';
        WriteDigits(buffer, 5, 2, local.Month);
        buffer[7] = (byte)'-';
        WriteDigits(buffer, 8, 2, local.Day);
        buffer[10] = (byte)'T';
        WriteDigits(buffer, 11, 2, local.Hour);
        buffer[13] = (byte)':';
        WriteDigits(buffer, 14, 2, local.Minute);
        buffer[16] = (byte)':';
        WriteDigits(buffer, 17, 2, local.Second);
        var position = 19;
        if (_nanoseconds != 0)
        {
            buffer[position++] = (byte)'.';
            WriteDigits(buffer, position, 9, _nanoseconds);
            position += 9;
            while (buffer[position - 1] == '0')
            {
                position--;
            }
        }

        if (_offsetMinutes == 0)
        {
            buffer[position++] = (byte)'Z';
            return position;
        }

        var minutes = Math.Abs((int)_offsetMinutes);
        buffer[position] = _offsetMinutes < 0 ? (byte)'-' : (byte)'+';
        WriteDigits(buffer, position + 1, 2, minutes / 60);
        buffer[position + 3] = (byte)':';
        WriteDigits(buffer, position + 4, 2, minutes % 60);
        return position + 6;
    }

    private static void WriteDigits(Span<byte> buffer, int start, int count, int value)
    {
        for (var i = start + count - 1; i >= start; i--)
        {
            buffer[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}

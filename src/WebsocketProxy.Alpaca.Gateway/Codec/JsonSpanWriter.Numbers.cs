using System.Buffers.Text;
using System.Globalization;

namespace WebsocketProxy.Alpaca.Gateway.Codec;

internal ref partial struct JsonSpanWriter
{
    public void WriteInt64(long value)
    {
        Utf8Formatter.TryFormat(value, _buffer[Written..], out var written);
        Written += written;
    }

    public void WriteUInt64(ulong value)
    {
        Utf8Formatter.TryFormat(value, _buffer[Written..], out var written);
        Written += written;
    }

    /// <summary>
    /// A float64 as Go's <c>encoding/json</c> prints it, which is what Alpaca's JSON carries: the shortest digits that
    /// read back to the same double, in plain decimal from 1e-6 to below 1e21 (so an integral price is <c>100</c>, a
    /// large volume never <c>1E+15</c>), in exponent form outside it (<c>1e+21</c>, <c>1.5e-7</c>). JSON has no NaN or
    /// infinity: those are written as <c>null</c> (Alpaca never sends them; Go's encoder would refuse the message).
    /// </summary>
    public void WriteDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            WriteRaw("null"u8);
            return;
        }

        // .NET's "R" is the shortest round-trip text since .NET Core 3.0; only the layout differs from Go's.
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        WriteGoFloat(text[..length]);
    }

    /// <summary>A float32 the same way, with the shortest digits of the float32 (as Go prints a float32 field).</summary>
    public void WriteSingle(float value)
    {
        if (!float.IsFinite(value))
        {
            WriteRaw("null"u8);
            return;
        }

        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        WriteGoFloat(text[..length]);
    }

    /// <summary>Lays out .NET's shortest text (<c>-1.25E-07</c>, <c>123.5</c>, <c>1E+21</c>) as Go does.</summary>
    private void WriteGoFloat(scoped ReadOnlySpan<byte> text)
    {
        var negative = text[0] == (byte)'-';
        if (negative)
        {
            text = text[1..];
        }

        // The significant digits, and where the decimal point goes among them (value = 0.d1d2... x 10^point).
        Span<byte> digits = stackalloc byte[24];
        var count = 0;
        var point = 0;
        var seenPoint = false;
        var i = 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == (byte)'.')
            {
                seenPoint = true;
            }
            else if (c is (byte)'E' or (byte)'e')
            {
                break;
            }
            else if (count == 0 && c == (byte)'0')
            {
                // A leading zero moves the point left when it follows the point, and is nothing before it.
                if (seenPoint)
                {
                    point--;
                }
            }
            else
            {
                digits[count++] = c;
                if (!seenPoint)
                {
                    point++;
                }
            }
        }

        if (i < text.Length)
        {
            Utf8Parser.TryParse(text[(i + 1)..], out int exponent, out _);
            point += exponent;
        }

        while (count > 0 && digits[count - 1] == (byte)'0')
        {
            count--;
        }

        if (negative)
        {
            WriteByte((byte)'-');
        }

        if (count == 0)
        {
            WriteByte((byte)'0');
            return;
        }

        // Go: plain when 1e-6 <= |v| < 1e21, that is when -5 <= point <= 21.
        if (point is >= -5 and <= 21)
        {
            WritePlain(digits[..count], point);
        }
        else
        {
            WriteExponent(digits[..count], point - 1);
        }
    }

    private void WritePlain(scoped ReadOnlySpan<byte> digits, int point)
    {
        if (point <= 0)
        {
            WriteRaw("0."u8);
            for (var zero = point; zero < 0; zero++)
            {
                WriteByte((byte)'0');
            }

            WriteRaw(digits);
        }
        else if (point >= digits.Length)
        {
            WriteRaw(digits);
            for (var zero = digits.Length; zero < point; zero++)
            {
                WriteByte((byte)'0');
            }
        }
        else
        {
            WriteRaw(digits[..point]);
            WriteByte((byte)'.');
            WriteRaw(digits[point..]);
        }
    }

    /// <summary>Go's <c>%e</c> with the shortest digits, then <c>encoding/json</c>'s clean-up of <c>e-07</c> to <c>e-7</c>.</summary>
    private void WriteExponent(scoped ReadOnlySpan<byte> digits, int exponent)
    {
        WriteByte(digits[0]);
        if (digits.Length > 1)
        {
            WriteByte((byte)'.');
            WriteRaw(digits[1..]);
        }

        WriteByte((byte)'e');
        if (exponent < 0)
        {
            WriteByte((byte)'-');
            WriteInt64(-exponent);
        }
        else
        {
            WriteByte((byte)'+');
            if (exponent < 10)
            {
                WriteByte((byte)'0');
            }

            WriteInt64(exponent);
        }
    }
}

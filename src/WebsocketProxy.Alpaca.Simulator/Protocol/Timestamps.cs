using System.Buffers.Binary;
using System.Globalization;

namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>Market time is kept as nanoseconds since the Unix epoch, because the wire carries nanoseconds.</summary>
internal static class Timestamps
{
    public const long NanosPerSecond = 1_000_000_000;
    public const long NanosPerMinute = 60 * NanosPerSecond;
    public const long NanosPerDay = 24 * 60 * NanosPerMinute;

    /// <summary>Longest text <see cref="FormatUtf8"/> writes.</summary>
    public const int MaxLength = 30;

    public static long FromDateTimeOffset(DateTimeOffset value) =>
        (value.UtcTicks - DateTime.UnixEpoch.Ticks) * 100;

    public static DateTimeOffset ToDateTimeOffset(long nanos) =>
        new(DateTime.UnixEpoch.Ticks + (nanos / 100), TimeSpan.Zero);

    /// <summary>
    /// RFC 3339 in UTC with nine fraction digits, or none when the instant is a whole second (as bars are).
    /// </summary>
    public static int FormatUtf8(long nanos, Span<byte> destination)
    {
        var seconds = Math.DivRem(nanos, NanosPerSecond, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += NanosPerSecond;
        }

        var dateTime = DateTime.UnixEpoch.AddSeconds(seconds);
        dateTime.TryFormat(destination, out var written, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        if (fraction != 0)
        {
            destination[written++] = (byte)'.';
            var value = fraction;
            for (var i = 8; i >= 0; i--)
            {
                destination[written + i] = (byte)('0' + (value % 10));
                value /= 10;
            }

            written += 9;
        }

        destination[written++] = (byte)'Z';
        return written;
    }

    /// <summary>Reads RFC 3339 in UTC with 0 to 9 fraction digits, keeping every nanosecond.</summary>
    public static bool TryParse(string text, out long nanos)
    {
        nanos = 0;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var wholeText = dot < 0 ? text : string.Concat(text.AsSpan(0, dot), "Z");
        if (!DateTimeOffset.TryParse(wholeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var whole))
        {
            return false;
        }

        long fraction = 0;
        if (dot >= 0)
        {
            var digits = text.AsSpan(dot + 1).TrimEnd('Z');
            if (digits.Length is 0 or > 9 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out fraction))
            {
                return false;
            }

            for (var i = digits.Length; i < 9; i++)
            {
                fraction *= 10;
            }
        }

        nanos = FromDateTimeOffset(whole) + fraction;
        return true;
    }

    /// <summary>The MessagePack timestamp extension (type -1) in its 64- or 96-bit form.</summary>
    public static int FormatMessagePack(long nanos, Span<byte> destination)
    {
        var seconds = Math.DivRem(nanos, NanosPerSecond, out var fraction);
        if (fraction < 0)
        {
            seconds--;
            fraction += NanosPerSecond;
        }

        if (seconds >= 0 && seconds < (1L << 34))
        {
            destination[0] = 0xd7;
            destination[1] = 0xff;
            BinaryPrimitives.WriteUInt64BigEndian(destination[2..], ((ulong)fraction << 34) | (ulong)seconds);
            return 10;
        }

        destination[0] = 0xc7;
        destination[1] = 12;
        destination[2] = 0xff;
        BinaryPrimitives.WriteUInt32BigEndian(destination[3..], (uint)fraction);
        BinaryPrimitives.WriteInt64BigEndian(destination[7..], seconds);
        return 15;
    }
}

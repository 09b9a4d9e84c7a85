using System.Diagnostics.CodeAnalysis;

namespace WebsocketProxy.Alpaca;

/// <summary>
/// An instant with nanosecond precision, as Alpaca sends it (RFC 3339 with up to nine fraction digits).
/// <see cref="DateTime"/> keeps only 100 ns, so this type keeps Unix seconds and nanoseconds apart, plus the
/// UTC offset the text carried so that it formats back the way it was written.
/// </summary>
/// <remarks>
/// Equality and ordering compare the instant only (like <see cref="DateTimeOffset"/>). Formatting is the
/// canonical form Alpaca's servers write: fraction digits with trailing zeros removed, <c>Z</c> for UTC.
/// </remarks>
public readonly partial struct AlpacaTimestamp :
    IEquatable<AlpacaTimestamp>,
    IComparable<AlpacaTimestamp>,
    IComparable
{
    private const long NanosecondsPerSecond = 1_000_000_000;
    private const long MinUnixSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
    private const long MaxUnixSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z

    private readonly long _unixSeconds;
    private readonly int _nanoseconds;
    private readonly short _offsetMinutes;

    private AlpacaTimestamp(long unixSeconds, int nanoseconds, short offsetMinutes)
    {
        _unixSeconds = unixSeconds;
        _nanoseconds = nanoseconds;
        _offsetMinutes = offsetMinutes;
    }

    /// <summary>The Unix epoch, 1970-01-01T00:00:00Z (also the <c>default</c> value).</summary>
    public static AlpacaTimestamp UnixEpoch => default;

    /// <summary>Whole seconds since the Unix epoch (UTC).</summary>
    public long UnixSeconds => _unixSeconds;

    /// <summary>The nanoseconds within the second, 0 to 999 999 999.</summary>
    public int Nanosecond => _nanoseconds;

    /// <summary>The UTC offset the timestamp was written with (zero for <c>Z</c>).</summary>
    public TimeSpan Offset => TimeSpan.FromMinutes(_offsetMinutes);

    /// <summary>Nanoseconds since the Unix epoch; throws <see cref="OverflowException"/> outside 1677–2262.</summary>
    public long UnixNanoseconds => checked((_unixSeconds * NanosecondsPerSecond) + _nanoseconds);

    /// <summary>The instant as a UTC <see cref="DateTime"/>, truncated to 100 ns.</summary>
    public DateTime UtcDateTime =>
        new(DateTime.UnixEpoch.Ticks + (_unixSeconds * TimeSpan.TicksPerSecond) + (_nanoseconds / 100), DateTimeKind.Utc);

    /// <summary>Creates a UTC timestamp from Unix seconds and nanoseconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Nanoseconds not below one second, or the instant is outside years 1–9999.</exception>
    public static AlpacaTimestamp FromUnixTime(long unixSeconds, int nanoseconds) =>
        FromUnixTime(unixSeconds, nanoseconds, TimeSpan.Zero);

    /// <summary>Creates a timestamp from Unix seconds and nanoseconds, to be written with <paramref name="offset"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static AlpacaTimestamp FromUnixTime(long unixSeconds, int nanoseconds, TimeSpan offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanoseconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nanoseconds, (int)NanosecondsPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(unixSeconds, MinUnixSeconds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(unixSeconds, MaxUnixSeconds);
        if (offset.Ticks % TimeSpan.TicksPerMinute != 0 || offset.Duration() >= TimeSpan.FromHours(24))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset must be whole minutes under 24 hours.");
        }

        var offsetMinutes = (short)(offset.Ticks / TimeSpan.TicksPerMinute);
        if (unixSeconds + (offsetMinutes * 60L) is < MinUnixSeconds or > MaxUnixSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "With this offset the local time falls outside years 1-9999.");
        }

        return new AlpacaTimestamp(unixSeconds, nanoseconds, offsetMinutes);
    }

    /// <summary>Creates a UTC timestamp from nanoseconds since the Unix epoch.</summary>
    public static AlpacaTimestamp FromUnixNanoseconds(long unixNanoseconds) =>
        new(Math.DivRem(unixNanoseconds, NanosecondsPerSecond, out var rest) - (rest < 0 ? 1 : 0),
            (int)(rest < 0 ? rest + NanosecondsPerSecond : rest),
            0);

    /// <summary>Creates a timestamp from a <see cref="DateTimeOffset"/>, keeping its offset.</summary>
    public static AlpacaTimestamp FromDateTimeOffset(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }

        return new AlpacaTimestamp(seconds, (int)(rest * 100), (short)value.TotalOffsetMinutes);
    }

    /// <summary>Converts to a <see cref="DateTimeOffset"/> with the original offset, truncated to 100 ns.</summary>
    public DateTimeOffset ToDateTimeOffset() =>
        new DateTimeOffset(UtcDateTime).ToOffset(Offset);

    /// <summary>Returns this instant written with another offset (<see cref="TimeSpan.Zero"/> for UTC).</summary>
    public AlpacaTimestamp WithOffset(TimeSpan offset) => FromUnixTime(_unixSeconds, _nanoseconds, offset);

    /// <inheritdoc />
    public bool Equals(AlpacaTimestamp other) => _unixSeconds == other._unixSeconds && _nanoseconds == other._nanoseconds;

    /// <inheritdoc />
    public override bool Equals([NotNullWhen(true)] object? obj) => obj is AlpacaTimestamp other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_unixSeconds, _nanoseconds);

    /// <inheritdoc />
    public int CompareTo(AlpacaTimestamp other)
    {
        var bySeconds = _unixSeconds.CompareTo(other._unixSeconds);
        return bySeconds != 0 ? bySeconds : _nanoseconds.CompareTo(other._nanoseconds);
    }

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        AlpacaTimestamp other => CompareTo(other),
        _ => throw new ArgumentException("The object is not an AlpacaTimestamp.", nameof(obj)),
    };

    /// <summary>Whether two timestamps are the same instant.</summary>
    public static bool operator ==(AlpacaTimestamp left, AlpacaTimestamp right) => left.Equals(right);

    /// <summary>Whether two timestamps are different instants.</summary>
    public static bool operator !=(AlpacaTimestamp left, AlpacaTimestamp right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> is earlier.</summary>
    public static bool operator <(AlpacaTimestamp left, AlpacaTimestamp right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is later.</summary>
    public static bool operator >(AlpacaTimestamp left, AlpacaTimestamp right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is earlier or the same.</summary>
    public static bool operator <=(AlpacaTimestamp left, AlpacaTimestamp right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is later or the same.</summary>
    public static bool operator >=(AlpacaTimestamp left, AlpacaTimestamp right) => left.CompareTo(right) >= 0;
}

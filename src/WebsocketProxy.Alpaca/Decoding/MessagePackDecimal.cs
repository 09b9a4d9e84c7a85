using System.Globalization;

namespace WebsocketProxy.Alpaca.Decoding;

/// <summary>
/// Turns MessagePack floats into the decimal the JSON text of the same value gives. Alpaca's servers send prices
/// as doubles; their JSON shows each as its shortest round-trip form (<c>189.42</c>, not 189.419999999999987…), so
/// that form is what a decimal must hold, whichever codec carried it.
/// </summary>
internal static class MessagePackDecimal
{
    // 10^k for k = 0..15: exact doubles, and 10^15 times a value below 2^53 / 10^15 still fits 53 bits.
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    private const double TwoToThe53 = 9007199254740992d;

    /// <summary>The decimal of the double's shortest round-trip text.</summary>
    /// <exception cref="AlpacaDecodeException">NaN, an infinity, or beyond the decimal range.</exception>
    public static decimal FromDouble(double value)
    {
        // Fast path: the fewest fraction digits k such that the integer m = round(|value| * 10^k) gives back the
        // double as m / 10^k. Both are exact doubles and IEEE division rounds correctly, so that test is exactly
        // "the text m e-k parses to value"; the fewest digits is the shortest form. Prices take 2-4 rounds.
        var magnitude = Math.Abs(value);
        for (var k = 0; k < PowersOfTen.Length; k++)
        {
            var scaled = magnitude * PowersOfTen[k];
            if (!(scaled < TwoToThe53))
            {
                break;
            }

            var mantissa = Math.Round(scaled);
            if (mantissa / PowersOfTen[k] == magnitude)
            {
                var bits = (ulong)mantissa;
                return new decimal((int)(uint)bits, (int)(uint)(bits >> 32), 0, value < 0 && bits != 0, (byte)k);
            }
        }

        Span<char> text = stackalloc char[32];
        return value.TryFormat(text, out var written, provider: CultureInfo.InvariantCulture)
            ? Parse(text[..written])
            : throw new AlpacaDecodeException($"The float {value} cannot be formatted.");
    }

    /// <summary>The decimal of the float's shortest round-trip text (a float32 on the wire).</summary>
    public static decimal FromSingle(float value)
    {
        Span<char> text = stackalloc char[32];
        return value.TryFormat(text, out var written, provider: CultureInfo.InvariantCulture)
            ? Parse(text[..written])
            : throw new AlpacaDecodeException($"The float {value} cannot be formatted.");
    }

    private static decimal Parse(ReadOnlySpan<char> text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new AlpacaDecodeException($"The float {text} is not a number a decimal can hold.");
}

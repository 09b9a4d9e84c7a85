using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Errors;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>The trading stream's refusals: <c>{"stream":"authorization","data":{"status":"unauthorized",…}}</c>.</summary>
internal static partial class AlpacaErrorText
{
    /// <summary>The trading stream's refusal marker in a proxy message, quoted after "Upstream refused the session: ".</summary>
    private const string AuthorizationMarker = "\"stream\":\"authorization\"";

    /// <summary>
    /// An <c>authorization</c> reply whose status is not <c>authorized</c>, as the error a market-data stream would
    /// have sent: <c>unauthorized</c> is 402 (wrong key or secret, or a paper key on the live host and the reverse),
    /// <c>exceeded</c> is 406 (connection limit), anything else is 500 with the reply as its text.
    /// </summary>
    public static bool TryParseTradingRefusal(ReadOnlySpan<byte> json, out AlpacaStreamException error)
    {
        error = null!;
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("data"u8, out var data)
                || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("status"u8, out var status)
                || status.ValueKind != JsonValueKind.String
                || status.ValueEquals("authorized"u8))
            {
                return false;
            }

            var text = data.TryGetProperty("message"u8, out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()!
                : status.GetString()!;
            var code = status.GetString() switch
            {
                "unauthorized" => AlpacaErrorCode.AuthFailed,
                "exceeded" => AlpacaErrorCode.ConnectionLimitExceeded,
                _ => AlpacaErrorCode.InternalError,
            };
            error = new AlpacaStreamException(code, text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryParseTradingRefusal(string text, out AlpacaStreamException error)
    {
        error = null!;
        var start = text.IndexOf('{', StringComparison.Ordinal);
        return start >= 0 && text.Contains(AuthorizationMarker, StringComparison.Ordinal)
            && TryParseTradingRefusal(Encoding.UTF8.GetBytes(text[start..]), out error);
    }
}

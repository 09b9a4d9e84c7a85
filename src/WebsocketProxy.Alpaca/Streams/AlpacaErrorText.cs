using System.Globalization;
using System.Text.RegularExpressions;
using WebsocketProxy.Alpaca.Errors;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Finds an Alpaca error reply inside a proxy message: when a fatal marker ends a session, the proxy
/// quotes the upstream message that carried it ("Upstream refused the session: [{"T":"error","code":402,…}]").
/// </summary>
internal static partial class AlpacaErrorText
{
    public static bool TryParse(string? text, out AlpacaStreamException error)
    {
        error = null!;
        if (text is null)
        {
            return false;
        }

        var code = CodePattern().Match(text);
        if (!code.Success || !int.TryParse(code.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return TryParseTradingRefusal(text, out error);
        }

        var message = MessagePattern().Match(text);
        error = new AlpacaStreamException((AlpacaErrorCode)value, message.Success ? Regex.Unescape(message.Groups[1].Value) : string.Empty);
        return true;
    }

    [GeneratedRegex("\"T\"\\s*:\\s*\"error\"[^}]*?\"code\"\\s*:\\s*(\\d{3})", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("\"msg\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex MessagePattern();
}

using System.Globalization;
using System.Text.RegularExpressions;
using WebsocketProxy.Alpaca.Gateway.Protocol;

namespace WebsocketProxy.Alpaca.Gateway.Upstream;

/// <summary>Alpaca's error inside a proxy message ("Upstream refused the session: [{"T":"error","code":402,…}]"), else 500.</summary>
internal static partial class Errors
{
    public static GatewayError FromProxyMessage(string? message)
    {
        if (message is not null)
        {
            var code = CodePattern().Match(message);
            if (code.Success && int.TryParse(code.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                var text = MessagePattern().Match(message);
                return new GatewayError(value, text.Success ? Regex.Unescape(text.Groups[1].Value) : "error");
            }
        }

        return GatewayError.InternalError;
    }

    [GeneratedRegex("\"code\"\\s*:\\s*(\\d{3})", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("\"msg\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex MessagePattern();
}

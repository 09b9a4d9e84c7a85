using System.Buffers;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Protocol;

/// <summary>
/// Builds the authentication message <c>{"action":"auth","key":…,"secret":…}</c>; for an OAuth token the key is
/// <c>access_token</c> and the secret the token.
/// </summary>
internal static class AlpacaAuthMessage
{
    /// <summary>The UTF-8 auth message for <paramref name="credentials"/>, JSON-escaped. It holds the secret: do not log it.</summary>
    public static byte[] Build(AlpacaCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var buffer = new ArrayBufferWriter<byte>(64 + credentials.KeyId.Length + credentials.Secret.Length);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("action"u8, "auth"u8);
            writer.WriteString("key"u8, credentials.Mode == AlpacaAuthMode.OAuth ? AlpacaAuthentication.AccessTokenKey : credentials.KeyId);
            writer.WriteString("secret"u8, credentials.Secret);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

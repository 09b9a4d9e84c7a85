using System.Buffers;
using System.Security.Cryptography;
using WebsocketProxy.Client;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Server.Upstream;

/// <summary>
/// Turns (URL, headers, prelude) into a lookup key with HMAC-SHA256 under a random per-proxy key, so that
/// credentials never sit in clear in a dictionary, a log line or a dump, and cannot be guessed from the key.
/// </summary>
internal sealed class ConnectionKey
{
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public string Compute(ProxyConnectionOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.WriteString(options.Url.AbsoluteUri);
        foreach (var (name, value) in options.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            buffer.WriteString(name.ToUpperInvariant());
            buffer.WriteString(value);
        }

        buffer.WriteInt32(options.Prelude.Count);
        foreach (var message in options.Prelude)
        {
            buffer.WriteString(message);
        }

        return Convert.ToHexString(HMACSHA256.HashData(_secret, buffer.WrittenSpan));
    }
}

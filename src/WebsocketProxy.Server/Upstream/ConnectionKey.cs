using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using WebsocketProxy.Client;

namespace WebsocketProxy.Server.Upstream;

/// <summary>
/// Turns (URL, headers, prelude, message format) into a lookup key with HMAC-SHA256 under a random per-proxy key, so that
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

        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), options.Prelude.Count);
        buffer.Advance(4);
        foreach (var message in options.Prelude)
        {
            buffer.WriteString(message);
        }

        // The same messages in another format are other bytes on the wire: another session.
        buffer.GetSpan(1)[0] = (byte)options.MessageFormat;
        buffer.Advance(1);
        return Convert.ToHexString(HMACSHA256.HashData(_secret, buffer.WrittenSpan));
    }

}

/// <summary>The unambiguous (length-prefixed) form the key is computed over.</summary>
file static class KeyInput
{
    public static void WriteString(this ArrayBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), length);
        buffer.Advance(4);
        buffer.Advance(Encoding.UTF8.GetBytes(value, buffer.GetSpan(length)));
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using WebsocketProxy.Client;

namespace WebsocketProxy.Server.Upstream;

/// <summary>
/// Turns (URL, headers, prelude) into a lookup key with HMAC-SHA256 under a random per-proxy key, so that
/// credentials never sit in clear in a dictionary, a log line or a dump, and cannot be guessed from the key. Every
/// way of authenticating lands in one of the three (a token in the URL, a key in headers or in an auth message), and
/// the input is length-prefixed throughout, so two different secrets never map to one upstream.
/// </summary>
internal sealed class ConnectionKey
{
    private readonly byte[] _secret = RandomNumberGenerator.GetBytes(32);

    public string Compute(ProxyConnectionOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.WriteString(options.Url.AbsoluteUri);
        // Counted like the prelude: without it, headers and prelude messages could be cut apart differently and two
        // different credential sets hash the same bytes.
        BinaryPrimitives.WriteInt32LittleEndian(buffer.GetSpan(4), options.Headers.Count);
        buffer.Advance(4);
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

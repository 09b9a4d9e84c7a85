using System.Buffers.Binary;
using System.Text;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca.Protocol;

/// <summary>
/// The proxy's markers for Alpaca's replies (see <see cref="ProxyConnectionOptions"/>) in either wire format. In
/// MessagePack a map's key and value sit side by side, so <c>"msg":"authenticated"</c> is the packed key followed by
/// the packed value; an integer may be packed in any width an encoder chooses, so a code has one marker per width.
/// </summary>
internal static class AlpacaMarkers
{
    /// <summary>Authentication succeeded: <c>{"T":"success","msg":"authenticated"}</c>.</summary>
    public static FrameMarker Authenticated(AlpacaWireFormat format) =>
        format == AlpacaWireFormat.Json ? "\"msg\":\"authenticated\"" : StringField("msg", "authenticated");

    /// <summary>Any error reply: <c>{"T":"error",…}</c>.</summary>
    public static FrameMarker Error(AlpacaWireFormat format) =>
        format == AlpacaWireFormat.Json ? "\"T\":\"error\"" : StringField("T", "error");

    /// <summary>Error replies with one of <paramref name="codes"/>: <c>{"T":"error","code":N,…}</c>.</summary>
    public static FrameMarker[] Codes(AlpacaWireFormat format, params int[] codes) =>
        format == AlpacaWireFormat.Json
            ? [.. codes.Select(c => FrameMarker.FromText($"\"code\":{c}"))]
            : [.. codes.SelectMany(CodeFields)];

    private static FrameMarker StringField(string key, string value)
    {
        var bytes = new List<byte>();
        AppendString(bytes, key);
        AppendString(bytes, value);
        return FrameMarker.FromBytes([.. bytes]);
    }

    /// <summary>The key <c>code</c> then the value in every integer form that can hold it.</summary>
    private static IEnumerable<FrameMarker> CodeFields(int code)
    {
        var key = new List<byte>();
        AppendString(key, "code");
        var forms = new List<byte[]>();
        Span<byte> value = stackalloc byte[8];
        if (code is >= 0 and <= 0x7f)
        {
            forms.Add([(byte)code]);
        }

        if (code is >= 0 and <= byte.MaxValue)
        {
            forms.Add([0xcc, (byte)code]);
        }

        if (code is >= sbyte.MinValue and <= sbyte.MaxValue)
        {
            forms.Add([0xd0, unchecked((byte)(sbyte)code)]);
        }

        if (code is >= 0 and <= ushort.MaxValue)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value, (ushort)code);
            forms.Add([0xcd, .. value[..2]]);
        }

        if (code is >= short.MinValue and <= short.MaxValue)
        {
            BinaryPrimitives.WriteInt16BigEndian(value, (short)code);
            forms.Add([0xd1, .. value[..2]]);
        }

        if (code >= 0)
        {
            BinaryPrimitives.WriteUInt32BigEndian(value, (uint)code);
            forms.Add([0xce, .. value[..4]]);
            BinaryPrimitives.WriteUInt64BigEndian(value, (ulong)code);
            forms.Add([0xcf, .. value]);
        }

        BinaryPrimitives.WriteInt32BigEndian(value, code);
        forms.Add([0xd2, .. value[..4]]);
        BinaryPrimitives.WriteInt64BigEndian(value, code);
        forms.Add([0xd3, .. value]);
        return forms.Select(form => FrameMarker.FromBytes([.. key, .. form]));
    }

    private static void AppendString(List<byte> bytes, string text)
    {
        // Keys and values here are short ASCII words: a fixstr, as every encoder writes them.
        var utf8 = Encoding.UTF8.GetBytes(text);
        bytes.Add((byte)(0xa0 | utf8.Length));
        bytes.AddRange(utf8);
    }
}

using System.Buffers;
using System.Text.Json;
using MessagePack;
using WebsocketProxy.Alpaca.Gateway.Clients;

namespace WebsocketProxy.Alpaca.Gateway.Protocol;

/// <summary>
/// The control frames the gateway writes itself, in the client's codec and Alpaca's shapes: each a one-element
/// array, <c>[{"T":"success","msg":"connected"}]</c>, <c>[{"T":"error","code":N,"msg":"..."}]</c> and the
/// subscription reply listing every channel of the endpoint.
/// </summary>
internal static class ControlFrames
{
    public static byte[] Success(ClientCodec codec, string message)
    {
        if (codec == ClientCodec.Json)
        {
            return Json(writer =>
            {
                writer.WriteString("T"u8, "success"u8);
                writer.WriteString("msg"u8, message);
            });
        }

        var buffer = new ArrayBufferWriter<byte>(48);
        var pack = new MessagePackWriter(buffer);
        pack.WriteArrayHeader(1);
        pack.WriteMapHeader(2);
        pack.Write("T");
        pack.Write("success");
        pack.Write("msg");
        pack.Write(message);
        pack.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(ClientCodec codec, GatewayError error) => Error(codec, error.Code, error.Message);

    public static byte[] Error(ClientCodec codec, int code, string message)
    {
        if (codec == ClientCodec.Json)
        {
            return Json(writer =>
            {
                writer.WriteString("T"u8, "error"u8);
                writer.WriteNumber("code"u8, code);
                writer.WriteString("msg"u8, message);
            });
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        var pack = new MessagePackWriter(buffer);
        pack.WriteArrayHeader(1);
        pack.WriteMapHeader(3);
        pack.Write("T");
        pack.Write("error");
        pack.Write("code");
        pack.Write(code);
        pack.Write("msg");
        pack.Write(message);
        pack.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The subscription reply: every channel of the endpoint with its symbols (in the order subscribed); stocks add <c>corrections</c> and <c>cancelErrors</c>, which mirror <c>trades</c>.</summary>
    public static byte[] Subscription(ClientCodec codec, GatewayEndpoint endpoint, ClientLedger ledger)
    {
        var trades = endpoint.ChannelIndex("trades");
        if (codec == ClientCodec.Json)
        {
            return Json(writer =>
            {
                writer.WriteString("T"u8, "subscription"u8);
                for (var i = 0; i < endpoint.Channels.Count; i++)
                {
                    WriteArray(writer, endpoint.Channels[i], ledger.Symbols(i));
                }

                if (endpoint.HasTradeFollowers)
                {
                    WriteArray(writer, "corrections", ledger.Symbols(trades));
                    WriteArray(writer, "cancelErrors", ledger.Symbols(trades));
                }
            });
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        var pack = new MessagePackWriter(buffer);
        pack.WriteArrayHeader(1);
        pack.WriteMapHeader(1 + endpoint.Channels.Count + (endpoint.HasTradeFollowers ? 2 : 0));
        pack.Write("T");
        pack.Write("subscription");
        for (var i = 0; i < endpoint.Channels.Count; i++)
        {
            WriteArray(ref pack, endpoint.Channels[i], ledger.Symbols(i));
        }

        if (endpoint.HasTradeFollowers)
        {
            WriteArray(ref pack, "corrections", ledger.Symbols(trades));
            WriteArray(ref pack, "cancelErrors", ledger.Symbols(trades));
        }

        pack.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IReadOnlyList<string> symbols)
    {
        writer.WriteStartArray(name);
        foreach (var symbol in symbols)
        {
            writer.WriteStringValue(symbol);
        }

        writer.WriteEndArray();
    }

    private static void WriteArray(ref MessagePackWriter writer, string name, IReadOnlyList<string> symbols)
    {
        writer.Write(name);
        writer.WriteArrayHeader(symbols.Count);
        foreach (var symbol in symbols)
        {
            writer.Write(symbol);
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

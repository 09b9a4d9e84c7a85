using System.Text.Json;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>The trading stream's control replies, as the real service words them.</summary>
internal static class TradingMessages
{
    public const string TradeUpdates = "trade_updates";

    public static byte[] Authorized() => Authorization("authenticate", "authorized", message: null);

    public static byte[] Unauthorized(string action, string? message) => Authorization(action, "unauthorized", message);

    public static byte[] Listening(IReadOnlyList<string> streams) => Write(writer =>
    {
        writer.WriteString("stream", "listening");
        writer.WriteStartObject("data");
        writer.WriteStartArray("streams");
        foreach (var stream in streams)
        {
            writer.WriteStringValue(stream);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>
    /// A message the server could not act on: <c>{"action":"error","data":{"error_message":"..."}}</c>, the shape the
    /// official JS SDK (4.x) reads trading-stream errors in.
    /// </summary>
    public static byte[] Error(string error) => Write(writer =>
    {
        writer.WriteString("action", "error");
        writer.WriteStartObject("data");
        writer.WriteString("error_message", error);
        writer.WriteEndObject();
    });

    private static byte[] Authorization(string action, string status, string? message) => Write(writer =>
    {
        writer.WriteString("stream", "authorization");
        writer.WriteStartObject("data");
        writer.WriteString("status", status);
        writer.WriteString("action", action);
        if (message is not null)
        {
            writer.WriteString("message", message);
        }

        writer.WriteEndObject();
    });

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

using System.Text.Json;

namespace WebsocketProxy.Streaming.Tests.Protocols;

/// <summary>An Alpaca-like minute bar, decoded by hand like the Alpaca layer's models.</summary>
public sealed record Bar(string Symbol, decimal Close, string Timestamp)
{
    public static Bar Read(ref Utf8JsonReader reader)
    {
        string symbol = "", timestamp = "";
        decimal close = 0;
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "S": symbol = reader.GetString()!; break;
                case "c": close = reader.GetDecimal(); break;
                case "t": timestamp = reader.GetString()!; break;
                default: reader.Skip(); break;
            }
        }

        return new Bar(symbol, close, timestamp);
    }
}

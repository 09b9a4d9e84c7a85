using System.Text.Json;

namespace WebsocketProxy.Streaming.Tests.Protocols;

/// <summary>A news headline: no symbol field, a list of symbols instead.</summary>
public sealed record Headline(long Id, string Text)
{
    public static Headline Read(ref Utf8JsonReader reader)
    {
        var element = JsonElement.ParseValue(ref reader);
        return new Headline(element.GetProperty("id").GetInt64(), element.GetProperty("headline").GetString()!);
    }
}

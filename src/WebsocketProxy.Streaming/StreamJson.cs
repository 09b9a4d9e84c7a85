using System.Text.Json;

namespace WebsocketProxy.Streaming;

/// <summary>Small JSON helpers used by generated dispatchers.</summary>
public static class StreamJson
{
    /// <summary>
    /// Moves <paramref name="reader"/> to the <c>EndObject</c> of the object that started at <paramref name="objectDepth"/>,
    /// without looking at the values on the way.
    /// </summary>
    /// <param name="reader">A reader inside (or on the end of) the object.</param>
    /// <param name="objectDepth">The object's <see cref="Utf8JsonReader.CurrentDepth"/> at its <c>StartObject</c>.</param>
    public static void SkipToEndOfObject(ref Utf8JsonReader reader, int objectDepth)
    {
        while (!(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == objectDepth))
        {
            if (!reader.Read())
            {
                throw new JsonException("The JSON object is not terminated.");
            }
        }
    }
}

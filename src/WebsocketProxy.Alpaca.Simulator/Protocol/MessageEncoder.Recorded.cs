using System.Text.Json;

namespace WebsocketProxy.Alpaca.Simulator.Protocol;

internal sealed partial class MessageEncoder
{
    /// <summary>A recorded message as it was; in MessagePack its timestamp strings become timestamp extensions.</summary>
    public EncodedMessage Recorded(JsonElement message)
    {
        _writer.Reset();
        _jsonStart = _json.WrittenCount;
        _packStart = _pack.WrittenCount;
        if (JsonEnabled)
        {
            message.WriteTo(_writer);
            _writer.Flush();
        }

        if (PackEnabled)
        {
            RecordedToPack(message, timestampKey: false);
        }

        return new EncodedMessage(_jsonStart, _json.WrittenCount - _jsonStart, _packStart, _pack.WrittenCount - _packStart);
    }

    private void RecordedToPack(JsonElement element, bool timestampKey)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                MessagePackBytes.MapHeader(_pack, element.EnumerateObject().Count());
                foreach (var property in element.EnumerateObject())
                {
                    MessagePackBytes.String(_pack, property.Name);
                    RecordedToPack(property.Value, property.Name is "t" or "created_at" or "updated_at");
                }

                break;
            case JsonValueKind.Array:
                MessagePackBytes.ArrayHeader(_pack, element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    RecordedToPack(item, timestampKey: false);
                }

                break;
            case JsonValueKind.String when timestampKey && Timestamps.TryParse(element.GetString()!, out var nanos):
                MessagePackBytes.Timestamp(_pack, nanos);
                break;
            case JsonValueKind.String:
                MessagePackBytes.String(_pack, element.GetString()!);
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                MessagePackBytes.Integer(_pack, integer);
                break;
            case JsonValueKind.Number:
                MessagePackBytes.Float64(_pack, element.GetDouble());
                break;
            case JsonValueKind.True or JsonValueKind.False:
                MessagePackBytes.Boolean(_pack, element.GetBoolean());
                break;
            default:
                MessagePackBytes.Nil(_pack);
                break;
        }
    }
}

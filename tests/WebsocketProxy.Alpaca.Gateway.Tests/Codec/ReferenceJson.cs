using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MessagePack;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Codec;

/// <summary>
/// An independent reference for the transcoder (MessagePack-CSharp's reader into <see cref="JsonNode"/>, timestamps
/// printed by .NET's own date formatting), and the semantic comparison of JSON values: objects compare by their keys
/// in any order, numbers by value, RFC 3339 timestamps by instant (Alpaca's JSON trims the fraction, the simulator
/// prints nine digits).
/// </summary>
internal static partial class ReferenceJson
{
    /// <summary>One MessagePack value as a <see cref="JsonNode"/>, decoded without the code under test.</summary>
    public static JsonNode? FromMessagePack(ReadOnlyMemory<byte> messagePack)
    {
        var reader = new MessagePackReader(messagePack);
        var node = Read(ref reader);
        Assert.True(reader.End, "The reference read left bytes over.");
        return node;
    }

    /// <summary>A JSON value as a string that is equal for semantically equal values.</summary>
    public static string Canonical(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(node, builder);
        return builder.ToString();
    }

    public static string Canonical(ReadOnlySpan<byte> json)
    {
        // Strict: the transcoder's output must be valid JSON by itself, not only after a lenient parse.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        return Canonical(JsonNode.Parse(ref reader));
    }

    private static JsonNode? Read(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
                var map = new JsonObject();
                var entries = reader.ReadMapHeader();
                for (var i = 0; i < entries; i++)
                {
                    var key = reader.NextMessagePackType == MessagePackType.String ? reader.ReadString()! : reader.ReadInt64().ToString(CultureInfo.InvariantCulture);
                    map[key] = Read(ref reader);
                }

                return map;
            case MessagePackType.Array:
                var array = new JsonArray();
                var items = reader.ReadArrayHeader();
                for (var i = 0; i < items; i++)
                {
                    array.Add(Read(ref reader));
                }

                return array;
            case MessagePackType.String:
                return JsonValue.Create(reader.ReadString());
            case MessagePackType.Float:
                return reader.NextCode == MessagePackCode.Float32 ? JsonValue.Create(reader.ReadSingle()) : JsonValue.Create(reader.ReadDouble());
            case MessagePackType.Integer:
                return reader.NextCode == MessagePackCode.UInt64 ? JsonValue.Create(reader.ReadUInt64()) : JsonValue.Create(reader.ReadInt64());
            case MessagePackType.Boolean:
                return JsonValue.Create(reader.ReadBoolean());
            case MessagePackType.Nil:
                reader.ReadNil();
                return null;
            case MessagePackType.Binary:
                return JsonValue.Create(Convert.ToBase64String(System.Buffers.BuffersExtensions.ToArray(reader.ReadBytes()!.Value)));
            case MessagePackType.Extension:
                var header = reader.ReadExtensionFormatHeader();
                Assert.Equal(-1, header.TypeCode);
                var data = System.Buffers.BuffersExtensions.ToArray(reader.ReadRaw(header.Length));
                var (seconds, nanoseconds) = data.Length switch
                {
                    4 => (BinaryPrimitives.ReadUInt32BigEndian(data), 0u),
                    8 => ((long)(BinaryPrimitives.ReadUInt64BigEndian(data) & 0x3_FFFF_FFFF), (uint)(BinaryPrimitives.ReadUInt64BigEndian(data) >> 34)),
                    _ => (BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(4)), BinaryPrimitives.ReadUInt32BigEndian(data)),
                };
                return JsonValue.Create(DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)
                    + "." + nanoseconds.ToString("D9", CultureInfo.InvariantCulture) + "Z");
            default:
                throw new InvalidDataException($"Unexpected MessagePack type {reader.NextMessagePackType}.");
        }
    }

    private static void Write(JsonNode? node, StringBuilder builder)
    {
        switch (node?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                builder.Append("null");
                break;
            case JsonValueKind.Object:
                builder.Append('{');
                foreach (var (key, value) in node.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(value, builder);
                    builder.Append(',');
                }

                builder.Append('}');
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                foreach (var item in node.AsArray())
                {
                    Write(item, builder);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                var text = node.GetValue<string>();
                builder.Append(TryInstant(text, out var instant) ? $"instant:{instant}" : JsonSerializer.Serialize(text));
                break;
            case JsonValueKind.Number:
                var number = node.ToJsonString();
                builder.Append(IntegerLiteral().IsMatch(number)
                    ? BigInteger.Parse(number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
                    : double.Parse(number, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }

    /// <summary>An RFC 3339 UTC timestamp as nanoseconds from 1970 (BigInteger: years 0-9999 overflow a long of nanoseconds).</summary>
    private static bool TryInstant(string text, out BigInteger nanoseconds)
    {
        nanoseconds = default;
        var match = Rfc3339().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var whole = DateTimeOffset.ParseExact(match.Groups[1].Value, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var fraction = match.Groups[2].Success ? long.Parse(match.Groups[2].Value.PadRight(9, '0'), CultureInfo.InvariantCulture) : 0;
        nanoseconds = (new BigInteger(whole.ToUnixTimeSeconds()) * 1_000_000_000) + fraction;
        return true;
    }

    [GeneratedRegex(@"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$")]
    private static partial Regex Rfc3339();

    [GeneratedRegex(@"^-?\d+$")]
    private static partial Regex IntegerLiteral();
}

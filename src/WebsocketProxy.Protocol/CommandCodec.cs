using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Protocol;

/// <summary>
/// Binary encoding of <see cref="Command"/>s: <c>version:u8 kind:u8 correlation:i64</c> then the kind's fields.
/// Decoding validates every field, so a malformed record becomes a <see cref="ProtocolException"/>, never a crash.
/// </summary>
public static partial class CommandCodec
{
    /// <summary>
    /// The protocol version every command, reply and broadcast record starts with; a record of another version is
    /// refused (an error reply's layout never changes, so each side can still read why). Version 2: subscribe and
    /// unsubscribe carry a template id, registered by <see cref="RegisterTemplateCommand"/>, instead of a template.
    /// Version 3: an open's markers are byte strings (<see cref="Client.FrameMarker"/>, to match binary replies) and
    /// it carries the format of the messages the proxy composes (<see cref="Client.ProxyMessageFormat"/>); every
    /// field of the options is always present.
    /// </summary>
    public const byte Version = 3;

    /// <summary>The most topics one subscribe or unsubscribe command carries.</summary>
    public const int MaxTopicsPerCommand = 100_000;
    private const int MaxListItems = 1024;

    /// <summary>Appends the record of <paramref name="command"/> to <paramref name="writer"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="writer">Where the record goes.</param>
    /// <exception cref="ArgumentException">The command is of a type this protocol does not know.</exception>
    public static void Encode(Command command, IBufferWriter<byte> writer)
    {
        writer.WriteByte(Version);
        writer.WriteByte((byte)command.Kind);
        writer.WriteInt64(command.CorrelationId);
        switch (command)
        {
            case HelloCommand hello:
                writer.WriteString(hello.Name);
                writer.WriteInt32(hello.ProcessId);
                break;
            case OpenCommand open:
                EncodeOptions(open.Options, writer);
                writer.WriteByte(open.Restoring ? (byte)1 : (byte)0);
                break;
            case CloseCommand close:
                writer.WriteInt64(close.ConnectionId);
                break;
            case SendCommand send:
                writer.WriteInt64(send.ConnectionId);
                writer.WriteByte((byte)send.MessageType);
                writer.WriteBytes(send.Payload.Span);
                break;
            case RegisterTemplateCommand registration:
                writer.WriteInt64(registration.ConnectionId);
                writer.WriteInt32(registration.TemplateId);
                EncodeTemplate(registration.Template, writer);
                break;
            case SubscriptionCommand subscription:
                writer.WriteInt64(subscription.ConnectionId);
                writer.WriteInt32(subscription.TemplateId);
                writer.WriteStrings(subscription.Topics);
                break;
            case SetLogLevelCommand level:
                writer.WriteByte((byte)level.Level);
                break;
            case HeartbeatCommand heartbeat:
                writer.WriteInt64(heartbeat.Received);
                writer.WriteInt64(heartbeat.Lost);
                break;
            case StatusCommand or GoodbyeCommand:
                break;
            default:
                throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command));
        }
    }

    /// <summary>Decodes and validates one record; a record that does not follow the protocol throws, nothing else does.</summary>
    /// <param name="record">One record of a request ring.</param>
    /// <returns>The command.</returns>
    /// <exception cref="ProtocolException">The record is malformed, of another version or of an unknown kind.</exception>
    public static Command Decode(ReadOnlySpan<byte> record)
    {
        var reader = new WireReader(record);
        var version = reader.ReadByte();
        if (version != Version)
        {
            throw new ProtocolException($"Protocol version {version} is not supported (this proxy speaks {Version}).");
        }

        var kind = (CommandKind)reader.ReadByte();
        var correlation = reader.ReadInt64();
        Command command = kind switch
        {
            CommandKind.Hello => new HelloCommand(correlation, reader.ReadString(), reader.ReadInt32()),
            CommandKind.Open => new OpenCommand(correlation, DecodeOptions(ref reader), reader.Remaining > 0 && DecodeFlag(reader.ReadByte())),
            CommandKind.Close => new CloseCommand(correlation, reader.ReadInt64()),
            CommandKind.Send => DecodeSend(correlation, ref reader),
            CommandKind.RegisterTemplate => new RegisterTemplateCommand(correlation, reader.ReadInt64(), ReadTemplateId(ref reader), DecodeTemplate(ref reader)),
            CommandKind.Subscribe or CommandKind.Unsubscribe => new SubscriptionCommand(
                correlation, kind == CommandKind.Subscribe, reader.ReadInt64(), ReadTemplateId(ref reader), ReadStrings(ref reader, MaxTopicsPerCommand)),
            CommandKind.SetLogLevel => new SetLogLevelCommand(correlation, DecodeLevel(reader.ReadByte())),
            CommandKind.Status => new StatusCommand(correlation),
            CommandKind.Goodbye => new GoodbyeCommand(correlation),
            CommandKind.Heartbeat => new HeartbeatCommand(correlation, reader.ReadInt64(), reader.ReadInt64()),
            _ => throw new ProtocolException($"Unknown command kind {(byte)kind}."),
        };
        reader.EnsureEnd();
        return command;
    }

    /// <summary>Reads just enough of a possibly malformed record to address an error reply to it.</summary>
    /// <param name="record">The record.</param>
    /// <param name="kind">Its kind byte, unchecked.</param>
    /// <param name="correlationId">Its correlation id.</param>
    /// <returns><see langword="false"/> when the record is too short to hold them.</returns>
    public static bool TryPeekHeader(ReadOnlySpan<byte> record, out CommandKind kind, out long correlationId)
    {
        kind = default;
        correlationId = 0;
        if (record.Length < 10)
        {
            return false;
        }

        kind = (CommandKind)record[1];
        correlationId = BitConverter.ToInt64(record.Slice(2, 8));
        return true;
    }

    private static bool DecodeFlag(byte value) => value switch
    {
        0 => false,
        1 => true,
        _ => throw new ProtocolException($"A flag is 0 or 1, not {value}."),
    };

    private static SendCommand DecodeSend(long correlation, ref WireReader reader)
    {
        var connection = reader.ReadInt64();
        var type = (WebSocketMessageType)reader.ReadByte();
        if (type is not (WebSocketMessageType.Text or WebSocketMessageType.Binary))
        {
            throw new ProtocolException($"Message type {(int)type} is neither text nor binary.");
        }

        var payload = reader.ReadRest();
        if (type == WebSocketMessageType.Text && !System.Text.Unicode.Utf8.IsValid(payload))
        {
            // An upstream (and .NET's own WebSocket) closes the connection on a text frame that is not UTF-8: that
            // would drop the connection for every client sharing it, so only the sender hears about it.
            throw new ProtocolException("A text message must be valid UTF-8; send it as binary.");
        }

        return new SendCommand(correlation, connection, type, payload.ToArray());
    }

    private static int ReadTemplateId(ref WireReader reader)
    {
        var id = reader.ReadInt32();
        return id > 0 ? id : throw new ProtocolException($"A template id is positive, not {id}.");
    }

    private static LogLevel DecodeLevel(byte value) =>
        value <= (byte)LogLevel.None ? (LogLevel)value : throw new ProtocolException($"Log level {value} is not valid.");

    private static string[] ReadStrings(ref WireReader reader, int max)
    {
        var count = reader.ReadCount(max);
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadString();
        }

        return values;
    }
}

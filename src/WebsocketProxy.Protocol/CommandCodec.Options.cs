using System.Buffers;
using System.Collections.ObjectModel;
using WebsocketProxy.Client;

namespace WebsocketProxy.Protocol;

public static partial class CommandCodec
{
    private static void EncodeOptions(ProxyConnectionOptions options, IBufferWriter<byte> writer)
    {
        writer.WriteString(options.Url.OriginalString);
        writer.WriteInt32(options.Headers.Count);
        foreach (var (name, value) in options.Headers)
        {
            writer.WriteString(name);
            writer.WriteString(value);
        }

        writer.WriteStrings(options.Prelude);
        writer.WriteByte((byte)options.MessageFormat);
        WriteMarker(writer, options.ReadinessMarker);
        WriteMarkers(writer, options.FatalMarkers);
        writer.WriteInt32(options.FatalCloseCodes.Count);
        foreach (var code in options.FatalCloseCodes)
        {
            writer.WriteInt32(code);
        }

        writer.WriteInt64(options.InitialBackoff.Ticks);
        writer.WriteInt64(options.MaxBackoff.Ticks);
        writer.WriteInt32(options.MaxReconnectAttempts);
        writer.WriteInt64(options.StaleDataTimeout.Ticks);
        writer.WriteInt64(options.KeepAliveInterval.Ticks);
        writer.WriteInt64(options.ConnectTimeout.Ticks);
        writer.WriteInt64(options.ReadinessTimeout.Ticks);

        WriteMarkers(writer, options.RetryAfterDropMarkers);
        writer.WriteInt64(options.RetryAfterDropWindow.Ticks);
        WriteMarker(writer, options.RefusalMarker);
        writer.WriteInt32(options.MaxRefusals);
        writer.WriteInt64(options.StableSessionThreshold.Ticks);
        writer.WriteInt64(options.KeepAliveTimeout.Ticks);
    }

    private static ProxyConnectionOptions DecodeOptions(ref WireReader reader)
    {
        var url = reader.ReadString();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new ProtocolException($"'{url}' is not an absolute URL.");
        }

        var headerCount = reader.ReadCount(MaxListItems);
        var headers = new Dictionary<string, string>(headerCount, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headerCount; i++)
        {
            headers[reader.ReadString()] = reader.ReadString();
        }

        var prelude = ReadStrings(ref reader, MaxListItems);
        var format = (ProxyMessageFormat)reader.ReadByte();
        var marker = ReadMarker(ref reader);
        var fatalMarkers = ReadMarkers(ref reader);
        var codeCount = reader.ReadCount(MaxListItems);
        var codes = new int[codeCount];
        for (var i = 0; i < codeCount; i++)
        {
            codes[i] = reader.ReadInt32();
        }

        var options = new ProxyConnectionOptions
        {
            Url = uri,
            Headers = new ReadOnlyDictionary<string, string>(headers),
            Prelude = prelude,
            MessageFormat = format,
            ReadinessMarker = marker,
            FatalMarkers = fatalMarkers,
            FatalCloseCodes = codes,
            InitialBackoff = ReadDuration(ref reader),
            MaxBackoff = ReadDuration(ref reader),
            MaxReconnectAttempts = reader.ReadInt32(),
            StaleDataTimeout = ReadDuration(ref reader),
            KeepAliveInterval = ReadDuration(ref reader),
            ConnectTimeout = ReadDuration(ref reader),
            ReadinessTimeout = ReadDuration(ref reader),
            RetryAfterDropMarkers = ReadMarkers(ref reader),
            RetryAfterDropWindow = ReadDuration(ref reader),
            RefusalMarker = ReadMarker(ref reader),
            MaxRefusals = reader.ReadInt32(),
            StableSessionThreshold = ReadDuration(ref reader),
            KeepAliveTimeout = ReadDuration(ref reader),
        };

        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ProtocolException(ex.Message);
        }

        return options;
    }

    // A marker is its bytes, length-prefixed; an absent marker is written empty (a marker is never empty).
    private static void WriteMarker(IBufferWriter<byte> writer, FrameMarker? marker)
    {
        var bytes = marker is null ? default : marker.Bytes.Span;
        writer.WriteInt32(bytes.Length);
        writer.WriteBytes(bytes);
        writer.WriteByte(marker?.IsText == true ? (byte)1 : (byte)0);
    }

    private static void WriteMarkers(IBufferWriter<byte> writer, IReadOnlyList<FrameMarker> markers)
    {
        writer.WriteInt32(markers.Count);
        foreach (var marker in markers)
        {
            WriteMarker(writer, marker);
        }
    }

    private static FrameMarker? ReadMarker(ref WireReader reader)
    {
        var bytes = reader.ReadBytes(FrameMarker.MaxLength);
        var isText = DecodeFlag(reader.ReadByte());
        if (bytes.Length == 0)
        {
            return null;
        }

        if (!isText)
        {
            return FrameMarker.FromBytes(bytes);
        }

        return System.Text.Unicode.Utf8.IsValid(bytes)
            ? FrameMarker.FromText(System.Text.Encoding.UTF8.GetString(bytes))
            : throw new ProtocolException("A text marker is not valid UTF-8.");
    }

    private static FrameMarker[] ReadMarkers(ref WireReader reader)
    {
        var count = reader.ReadCount(MaxListItems);
        var markers = new FrameMarker[count];
        for (var i = 0; i < count; i++)
        {
            markers[i] = ReadMarker(ref reader) ?? throw new ProtocolException("A marker of a list is empty: it would match every message.");
        }

        return markers;
    }

    private static TimeSpan ReadDuration(ref WireReader reader)
    {
        var ticks = reader.ReadInt64();
        return ticks >= 0 ? TimeSpan.FromTicks(ticks) : throw new ProtocolException($"A duration of {ticks} ticks is negative.");
    }

    private static void EncodeTemplate(SubscriptionTemplate template, IBufferWriter<byte> writer)
    {
        writer.WriteString(template.Group);
        writer.WriteString(template.Subscribe);
        writer.WriteString(template.Unsubscribe);
        writer.WriteString(template.TopicFormat);
        writer.WriteByte((byte)template.Encoding);
        writer.WriteString(template.Separator);
        writer.WriteInt32(template.MaxTopicsPerMessage);
    }

    private static SubscriptionTemplate DecodeTemplate(ref WireReader reader)
    {
        var template = new SubscriptionTemplate
        {
            Group = reader.ReadString(),
            Subscribe = reader.ReadString(),
            Unsubscribe = reader.ReadString(),
            TopicFormat = reader.ReadString(),
            Encoding = (TopicEncoding)reader.ReadByte(),
            Separator = reader.ReadString(),
            MaxTopicsPerMessage = reader.ReadInt32(),
        };
        var error = SubscriptionTemplateValidator.Validate(template);
        return error is null ? template : throw new ProtocolException(error);
    }
}

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
        writer.WriteString(options.ReadinessMarker);
        writer.WriteStrings(options.FatalMarkers);
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

        // Added after the first release of the record: a trailing block that a decoder reads only when present, so
        // an older client's Open (which ends above) still decodes with the defaults.
        writer.WriteStrings(options.RetryAfterDropMarkers);
        writer.WriteInt64(options.RetryAfterDropWindow.Ticks);
        writer.WriteString(options.RefusalMarker);
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
        var marker = reader.ReadString();
        var fatalMarkers = ReadStrings(ref reader, MaxListItems);
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
            ReadinessMarker = marker.Length == 0 ? null : marker,
            FatalMarkers = fatalMarkers,
            FatalCloseCodes = codes,
            InitialBackoff = ReadDuration(ref reader),
            MaxBackoff = ReadDuration(ref reader),
            MaxReconnectAttempts = reader.ReadInt32(),
            StaleDataTimeout = ReadDuration(ref reader),
            KeepAliveInterval = ReadDuration(ref reader),
            ConnectTimeout = ReadDuration(ref reader),
            ReadinessTimeout = ReadDuration(ref reader),
        };
        if (reader.Remaining > 0)
        {
            options = options with
            {
                RetryAfterDropMarkers = ReadStrings(ref reader, MaxListItems),
                RetryAfterDropWindow = ReadDuration(ref reader),
                RefusalMarker = ReadOptionalString(ref reader),
                MaxRefusals = reader.ReadInt32(),
                StableSessionThreshold = ReadDuration(ref reader),
                KeepAliveTimeout = ReadDuration(ref reader),
            };
        }

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

    private static string? ReadOptionalString(ref WireReader reader)
    {
        var value = reader.ReadString();
        return value.Length == 0 ? null : value;
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

using WebsocketProxy.Generators.Model;

namespace WebsocketProxy.Generators;

public sealed partial class StreamGenerator
{
    internal static partial class Emitter
    {
        private const string Pack = "global::WebsocketProxy.Streaming.StreamMessagePack";

        /// <summary>
        /// Writes the MessagePack dispatcher, the binary twin of the JSON one: the runtime takes the frame apart
        /// into whole maps; for each, one pass over its entries until the type code (and symbol) are known, then
        /// the channel's MessagePack decoder on the whole map, only when someone listens.
        /// </summary>
        private static void WriteMessagePackDispatcher(SourceWriter writer, ProtocolSpec spec)
        {
            var routed = spec.SymbolField is not null;
            writer.Open($"private static void DispatchBinaryFrame(global::System.ReadOnlySpan<byte> frame, {Streaming}.StreamDispatchContext context)");
            writer.WriteLine("context.DispatchMessagePack(frame, DispatchMessagePackElement);");
            writer.Close();
            writer.WriteLine();
            writer.Open($"private static void DispatchMessagePackElement(global::System.ReadOnlySpan<byte> message, {Streaming}.StreamDispatchContext context)");
            writer.WriteLine("var position = 0;");
            writer.WriteLine($"{Pack}.TryReadMapHeader(message, ref position, out var count);");
            writer.WriteLine($"var channel = {NoDiscriminator};");
            if (routed)
            {
                writer.WriteLine("var hasSymbol = false;");
                writer.WriteLine("global::System.ReadOnlySpan<byte> symbol = default;");
            }

            writer.Open("for (var entry = 0; entry < count; entry++)");
            writer.Open($"if (!{Pack}.TryReadString(message, ref position, out var key))");
            writer.WriteLine($"{Pack}.Skip(message, ref position);");
            writer.WriteLine($"{Pack}.Skip(message, ref position);");
            writer.Close();
            writer.Open($"else if (global::System.MemoryExtensions.SequenceEqual(key, {Utf8Literal(spec.Discriminator)}))");
            writer.Open($"if ({Pack}.TryReadString(message, ref position, out var code))");
            writer.WriteLine("channel = MatchTypeCode(code);");
            writer.Close();
            writer.Open("else");
            writer.WriteLine($"{Pack}.Skip(message, ref position);");
            writer.WriteLine($"channel = {UnknownTypeCode};");
            writer.Close();
            writer.WriteLine();
            if (routed)
            {
                writer.Open($"if (hasSymbol || channel == {UnknownTypeCode})");
                writer.WriteLine("break;");
                writer.Close();
            }
            else
            {
                writer.WriteLine("break;");
            }

            writer.Close();
            if (routed)
            {
                writer.Open($"else if (global::System.MemoryExtensions.SequenceEqual(key, {Utf8Literal(spec.SymbolField!)}))");
                writer.WriteLine($"hasSymbol = {Pack}.TryReadString(message, ref position, out symbol);");
                writer.Open("if (!hasSymbol)");
                writer.WriteLine($"{Pack}.Skip(message, ref position);");
                writer.Close();
                writer.Open($"else if (channel != {NoDiscriminator})");
                writer.WriteLine("break;");
                writer.Close();
                writer.Close();
            }

            writer.Open("else");
            writer.WriteLine($"{Pack}.Skip(message, ref position);");
            writer.Close();
            writer.Close();
            writer.WriteLine();
            writer.Open("switch (channel)");
            writer.WriteLine($"case {NoDiscriminator}:");
            writer.Indent();
            writer.WriteLine("context.ReportMissingDiscriminator();");
            writer.WriteLine("return;");
            writer.Unindent();
            foreach (var channel in Distinct(spec))
            {
                if (channel.PackDecoder is not null)
                {
                    WritePackCase(writer, channel, routed);
                }
            }

            writer.WriteLine("default:");
            writer.Indent();
            writer.WriteLine("context.ReportUnrecognized();");
            writer.WriteLine("return;");
            writer.Unindent();
            writer.Close();
            writer.Close();
            // MatchTypeCode(ReadOnlySpan<byte>) is the JSON dispatcher's: the same type codes in the same bytes.
        }

        private static void WritePackCase(SourceWriter writer, ChannelSpec channel, bool routed)
        {
            var i = channel.Index;
            writer.WriteLine($"case {i}: // {channel.ChannelName} '{channel.TypeCode}' -> {channel.MethodName}");
            writer.Indent();
            if (routed)
            {
                writer.Open("if (!hasSymbol)");
                writer.WriteLine($"context.ReportMissingSymbol({i});");
                writer.WriteLine("return;");
                writer.Close();
                writer.WriteLine();
            }

            writer.Open(routed ? $"if (context.TryGetTargets({i}, symbol, out var targets{i}))" : $"if (context.TryGetTargets({i}, out var targets{i}))");
            writer.WriteLine($"{channel.ModelType} value{i};");
            writer.Open("try");
            writer.WriteLine($"value{i} = {channel.PackDecoder}(message, out var consumed{(channel.PackDecoderContext is null ? string.Empty : ", " + channel.PackDecoderContext)});");
            writer.WriteLine("if (consumed != message.Length)");
            writer.Indent();
            writer.WriteLine("throw new global::System.IO.InvalidDataException(\"The decoder did not stop at the end of the message.\");");
            writer.Unindent();
            writer.Close();
            writer.Open("catch (global::System.Exception exception)");
            writer.WriteLine($"context.ReportDecodeFailure({i}, exception);");
            writer.WriteLine("return;");
            writer.Close();
            writer.WriteLine();
            writer.WriteLine($"context.Deliver(in targets{i}, value{i});");
            writer.Close();
            writer.WriteLine();
            writer.WriteLine("return;");
            writer.Unindent();
        }
    }
}

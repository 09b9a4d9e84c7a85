using WebsocketProxy.Generators.Model;

namespace WebsocketProxy.Generators;

public sealed partial class StreamGenerator
{
    internal static partial class Emitter
    {
        // Channel values while scanning a message: a channel index, or one of these.
        private const string NoDiscriminator = "-2";
        private const string UnknownTypeCode = "-1";

        /// <summary>
        /// Writes the element dispatcher: one pass over the message's properties until its type code (and
        /// symbol) are known, then a decode from a checkpoint copy of the reader only when someone listens.
        /// </summary>
        private static void WriteDispatcher(SourceWriter writer, ProtocolSpec spec)
        {
            var routed = spec.SymbolField is not null;
            writer.Open($"private static void DispatchElement(ref {Json}.Utf8JsonReader reader, {Streaming}.StreamDispatchContext context)");
            writer.WriteLine("var start = reader;");
            writer.WriteLine("var depth = reader.CurrentDepth;");
            writer.WriteLine($"var channel = {NoDiscriminator};");
            if (routed)
            {
                writer.WriteLine("var hasSymbol = false;");
                writer.WriteLine("global::System.ReadOnlySpan<byte> symbol = default;");
            }

            writer.Open($"while (reader.Read() && reader.TokenType == {Json}.JsonTokenType.PropertyName)");
            writer.Open($"if (reader.ValueTextEquals({Utf8Literal(spec.Discriminator)}))");
            writer.WriteLine("reader.Read();");
            writer.WriteLine("channel = MatchTypeCode(ref reader);");
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
                writer.Open($"else if (reader.ValueTextEquals({Utf8Literal(spec.SymbolField!)}))");
                writer.WriteLine("reader.Read();");
                writer.Open($"if (reader.TokenType == {Json}.JsonTokenType.String)");
                writer.WriteLine("symbol = reader.ValueIsEscaped ? global::System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan;");
                writer.WriteLine("hasSymbol = true;");
                writer.Close();
                writer.Open("else");
                writer.WriteLine("reader.Skip();");
                writer.Close();
                writer.WriteLine();
                writer.Open($"if (channel != {NoDiscriminator})");
                writer.WriteLine("break;");
                writer.Close();
                writer.Close();
            }

            writer.Open("else");
            writer.WriteLine("reader.Read();");
            writer.WriteLine("reader.Skip();");
            writer.Close();
            writer.Close();
            writer.WriteLine();
            writer.Open("switch (channel)");
            writer.WriteLine($"case {NoDiscriminator}:");
            writer.Indent();
            writer.WriteLine($"{Streaming}.StreamJson.SkipToEndOfObject(ref reader, depth);");
            writer.WriteLine("context.ReportMissingDiscriminator();");
            writer.WriteLine("return;");
            writer.Unindent();
            writer.WriteLine($"case {UnknownTypeCode}:");
            writer.Indent();
            writer.WriteLine($"{Streaming}.StreamJson.SkipToEndOfObject(ref reader, depth);");
            writer.WriteLine("context.ReportUnrecognized();");
            writer.WriteLine("return;");
            writer.Unindent();
            foreach (var channel in Distinct(spec))
            {
                WriteCase(writer, channel, routed);
            }

            writer.Close();
            writer.WriteLine();
            writer.WriteLine($"{Streaming}.StreamJson.SkipToEndOfObject(ref reader, depth);");
            writer.Close();
            writer.WriteLine();
            WriteMatcher(writer, spec);
        }

        private static void WriteCase(SourceWriter writer, ChannelSpec channel, bool routed)
        {
            var i = channel.Index;
            writer.WriteLine($"case {i}: // {channel.ChannelName} '{channel.TypeCode}' -> {channel.MethodName}");
            writer.Indent();
            if (routed)
            {
                writer.Open("if (!hasSymbol)");
                writer.WriteLine($"{Streaming}.StreamJson.SkipToEndOfObject(ref reader, depth);");
                writer.WriteLine($"context.ReportMissingSymbol({i});");
                writer.WriteLine("return;");
                writer.Close();
                writer.WriteLine();
            }

            writer.Open(routed ? $"if (context.TryGetTargets({i}, symbol, out var targets{i}))" : $"if (context.TryGetTargets({i}, out var targets{i}))");
            writer.WriteLine("var decoder = start;");
            writer.WriteLine($"{channel.ModelType} value{i};");
            writer.Open("try");
            writer.WriteLine($"value{i} = {channel.Decoder}(ref decoder{(channel.DecoderContext is null ? string.Empty : ", " + channel.DecoderContext)});");
            writer.WriteLine($"if (decoder.TokenType != {Json}.JsonTokenType.EndObject || decoder.CurrentDepth != depth)");
            writer.Indent();
            writer.WriteLine($"throw new {Json}.JsonException(\"The decoder did not stop at the end of the message.\");");
            writer.Unindent();
            writer.Close();
            writer.Open("catch (global::System.Exception exception)");
            writer.WriteLine($"{Streaming}.StreamJson.SkipToEndOfObject(ref reader, depth);");
            writer.WriteLine($"context.ReportDecodeFailure({i}, exception);");
            writer.WriteLine("return;");
            writer.Close();
            writer.WriteLine();
            writer.WriteLine("reader = decoder;");
            writer.WriteLine($"context.Deliver(in targets{i}, value{i});");
            writer.WriteLine("return;");
            writer.Close();
            writer.WriteLine();
            writer.WriteLine("break;");
            writer.Unindent();
        }

        private static void WriteMatcher(SourceWriter writer, ProtocolSpec spec)
        {
            writer.Open($"private static int MatchTypeCode(ref {Json}.Utf8JsonReader reader)");
            writer.Open($"if (reader.TokenType != {Json}.JsonTokenType.String)");
            writer.WriteLine($"return {UnknownTypeCode};");
            writer.Close();
            writer.WriteLine();
            foreach (var channel in Distinct(spec))
            {
                writer.Open($"if (reader.ValueTextEquals({Utf8Literal(channel.TypeCode)}))");
                writer.WriteLine($"return {channel.Index};");
                writer.Close();
                writer.WriteLine();
            }

            writer.WriteLine($"return {UnknownTypeCode};");
            writer.Close();
        }
    }
}

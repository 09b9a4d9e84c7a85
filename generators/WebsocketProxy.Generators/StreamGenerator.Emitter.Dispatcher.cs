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
        /// Writes the element dispatcher: one scan of the message's properties until its type code (and symbol) are
        /// known, then a decode from the object's start only when someone listens. It returns the object's length.
        /// </summary>
        private static void WriteDispatcher(SourceWriter writer, ProtocolSpec spec)
        {
            var routed = spec.SymbolField is not null;
            writer.Open($"private static int DispatchElement(global::System.ReadOnlySpan<byte> json, {Streaming}.StreamDispatchContext context)");
            var symbolOuts = routed ? "out var hasSymbol, out var symbol" : "out _, out _";
            writer.WriteLine($"{Streaming}.StreamJson.ScanKeys(json, {Utf8Literal(spec.Discriminator)}, {(routed ? Utf8Literal(spec.SymbolField!) : "default")}, out var hasTypeCode, out var typeCode, {symbolOuts});");
            writer.WriteLine($"var channel = hasTypeCode ? MatchTypeCode(typeCode) : {NoDiscriminator};");
            writer.Open("switch (channel)");
            // Each report comes after the skip: an object malformed further on is the frame's error, reported once.
            writer.WriteLine($"case {NoDiscriminator}:");
            writer.Indent();
            writer.WriteLine($"var missing = {Streaming}.StreamJson.SkipObject(json);");
            writer.WriteLine("context.ReportMissingDiscriminator();");
            writer.WriteLine("return missing;");
            writer.Unindent();
            writer.WriteLine($"case {UnknownTypeCode}:");
            writer.Indent();
            writer.WriteLine($"var unknown = {Streaming}.StreamJson.SkipObject(json);");
            writer.WriteLine("context.ReportUnrecognized();");
            writer.WriteLine("return unknown;");
            writer.Unindent();
            foreach (var channel in Distinct(spec))
            {
                WriteCase(writer, channel, routed);
            }

            writer.Close();
            writer.WriteLine();
            writer.WriteLine($"return {Streaming}.StreamJson.SkipObject(json);");
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
                writer.WriteLine($"var length{i} = {Streaming}.StreamJson.SkipObject(json);");
                writer.WriteLine($"context.ReportMissingSymbol({i});");
                writer.WriteLine($"return length{i};");
                writer.Close();
                writer.WriteLine();
            }

            writer.Open(routed ? $"if (context.TryGetTargets({i}, symbol, out var targets{i}))" : $"if (context.TryGetTargets({i}, out var targets{i}))");
            writer.WriteLine($"{channel.ModelType} value{i};");
            writer.WriteLine($"int consumed{i};");
            writer.Open("try");
            if (channel.JsonDecoder is not null)
            {
                writer.WriteLine($"value{i} = {channel.JsonDecoder}(json, out consumed{i}{(channel.JsonDecoderContext is null ? string.Empty : ", " + channel.JsonDecoderContext)});");
            }
            else
            {
                // No span decoder: the Utf8JsonReader one, over the object.
                writer.WriteLine($"var decoder = new {Json}.Utf8JsonReader(json);");
                writer.WriteLine("decoder.Read();");
                writer.WriteLine($"value{i} = {channel.Decoder}(ref decoder{(channel.DecoderContext is null ? string.Empty : ", " + channel.DecoderContext)});");
                writer.WriteLine($"if (decoder.TokenType != {Json}.JsonTokenType.EndObject || decoder.CurrentDepth != 0)");
                writer.Indent();
                writer.WriteLine($"throw new {Json}.JsonException(\"The decoder did not stop at the end of the message.\");");
                writer.Unindent();
                writer.WriteLine();
                writer.WriteLine($"consumed{i} = (int)decoder.BytesConsumed;");
            }

            writer.Close();
            writer.Open("catch (global::System.Exception exception)");
            writer.WriteLine($"var length{i} = {Streaming}.StreamJson.SkipObject(json);");
            writer.WriteLine($"context.ReportDecodeFailure({i}, exception);");
            writer.WriteLine($"return length{i};");
            writer.Close();
            writer.WriteLine();
            writer.WriteLine($"context.Deliver(in targets{i}, value{i});");
            writer.WriteLine($"return consumed{i};");
            writer.Close();
            writer.WriteLine();
            writer.WriteLine("break;");
            writer.Unindent();
        }

        private static void WriteMatcher(SourceWriter writer, ProtocolSpec spec)
        {
            writer.Open("private static int MatchTypeCode(global::System.ReadOnlySpan<byte> code)");
            foreach (var channel in Distinct(spec))
            {
                writer.Open($"if (global::System.MemoryExtensions.SequenceEqual(code, {Utf8Literal(channel.TypeCode)}))");
                writer.WriteLine($"return {channel.Index};");
                writer.Close();
                writer.WriteLine();
            }

            writer.WriteLine($"return {UnknownTypeCode};");
            writer.Close();
        }
    }
}

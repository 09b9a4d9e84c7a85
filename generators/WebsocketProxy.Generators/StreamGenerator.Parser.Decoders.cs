using System.Linq;
using Microsoft.CodeAnalysis;

namespace WebsocketProxy.Generators;

public sealed partial class StreamGenerator
{
    /// <summary>Finding a channel's decoder: a named method of the class, or a method of the decoder type.</summary>
    internal static partial class Parser
    {
        private const string JsonSpanDecoderName = "ReadJson";

        private static string? FindDecoder(INamedTypeSymbol type, ITypeSymbol model, ITypeSymbol decoderType, string? decoderName, DecodeContextInfo context, out bool usesContext)
        {
            usesContext = false;
            if (!string.IsNullOrEmpty(decoderName))
            {
                return type.GetMembers(decoderName!).OfType<IMethodSymbol>().Any(m => DecoderArity(m, model, null) == 1) ? decoderName : null;
            }

            var candidates = decoderType.GetMembers().OfType<IMethodSymbol>().Where(m => DecoderArity(m, model, context.Type) > 0).ToList();
            var chosen = candidates.FirstOrDefault(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DecoderAttribute))
                ?? candidates.Where(m => m.Name == "Read").OrderByDescending(m => m.Parameters.Length).FirstOrDefault();
            if (chosen is null)
            {
                return null;
            }

            usesContext = chosen.Parameters.Length == 2;
            return $"{decoderType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}.{chosen.Name}";
        }

        /// <summary>
        /// The MessagePack overload of a channel's decoder, <c>T M(ReadOnlySpan&lt;byte&gt; message, out int consumed[, TContext context])</c>:
        /// beside a named decoder of the class, or on the decoder type (marked <c>[StreamDecoder]</c> first, else named <c>Read</c>).
        /// </summary>
        private static string? FindPackDecoder(INamedTypeSymbol type, ITypeSymbol model, ITypeSymbol decoderType, string? decoderName, DecodeContextInfo context, out bool usesContext)
        {
            usesContext = false;
            if (!string.IsNullOrEmpty(decoderName))
            {
                return type.GetMembers(decoderName!).OfType<IMethodSymbol>().Any(m => PackDecoderArity(m, model, null) == 2) ? decoderName : null;
            }

            var candidates = decoderType.GetMembers().OfType<IMethodSymbol>().Where(m => PackDecoderArity(m, model, context.Type) > 0).ToList();
            var chosen = candidates.FirstOrDefault(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DecoderAttribute))
                ?? candidates.Where(m => m.Name == "Read").OrderByDescending(m => m.Parameters.Length).FirstOrDefault();
            if (chosen is null)
            {
                return null;
            }

            usesContext = chosen.Parameters.Length == 3;
            return $"{decoderType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}.{chosen.Name}";
        }

        /// <summary>
        /// The span overload of a channel's JSON decoder on the decoder type, <c>T ReadJson(ReadOnlySpan&lt;byte&gt; json, out int consumed[, TContext context])</c>:
        /// given the frame from the object's opening brace, it returns the model and the object's length. Optional: without it
        /// the dispatcher runs the <c>Utf8JsonReader</c> decoder over the object.
        /// </summary>
        private static string? FindJsonSpanDecoder(ITypeSymbol model, ITypeSymbol decoderType, DecodeContextInfo context, out bool usesContext)
        {
            var chosen = decoderType.GetMembers(JsonSpanDecoderName).OfType<IMethodSymbol>()
                .Where(m => PackDecoderArity(m, model, context.Type) > 0)
                .OrderByDescending(m => m.Parameters.Length)
                .FirstOrDefault();
            usesContext = chosen?.Parameters.Length == 3;
            return chosen is null ? null : $"{decoderType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}.{chosen.Name}";
        }

        /// <summary>2 for <c>T M(ReadOnlySpan&lt;byte&gt;, out int)</c>, 3 with a context, 0 when not a MessagePack decoder.</summary>
        private static int PackDecoderArity(IMethodSymbol method, ITypeSymbol model, ITypeSymbol? contextType)
        {
            if (!method.IsStatic
                || method.IsGenericMethod
                || method.DeclaredAccessibility is not (Microsoft.CodeAnalysis.Accessibility.Public or Microsoft.CodeAnalysis.Accessibility.Internal or Microsoft.CodeAnalysis.Accessibility.Private)
                || method.Parameters.Length is < 2 or > 3
                || method.Parameters[0].RefKind != RefKind.None
                || method.Parameters[0].Type.ToDisplayString() != "System.ReadOnlySpan<byte>"
                || method.Parameters[1].RefKind != RefKind.Out
                || method.Parameters[1].Type.SpecialType != SpecialType.System_Int32
                || !SymbolEqualityComparer.Default.Equals(method.ReturnType, model))
            {
                return 0;
            }

            if (method.Parameters.Length == 2)
            {
                return 2;
            }

            return contextType is not null
                   && method.Parameters[2].RefKind == RefKind.None
                   && SymbolEqualityComparer.Default.Equals(method.Parameters[2].Type, contextType) ? 3 : 0;
        }

        /// <summary>1 for <c>T M(ref Utf8JsonReader)</c>, 2 for <c>T M(ref Utf8JsonReader, TContext)</c>, 0 when not a decoder.</summary>
        private static int DecoderArity(IMethodSymbol method, ITypeSymbol model, ITypeSymbol? contextType)
        {
            if (!method.IsStatic
                || method.IsGenericMethod
                || method.DeclaredAccessibility is not (Microsoft.CodeAnalysis.Accessibility.Public or Microsoft.CodeAnalysis.Accessibility.Internal or Microsoft.CodeAnalysis.Accessibility.Private)
                || method.Parameters.Length is < 1 or > 2
                || method.Parameters[0].RefKind != RefKind.Ref
                || method.Parameters[0].Type.ToDisplayString() != "System.Text.Json.Utf8JsonReader"
                || !SymbolEqualityComparer.Default.Equals(method.ReturnType, model))
            {
                return 0;
            }

            if (method.Parameters.Length == 1)
            {
                return 1;
            }

            return contextType is not null
                   && method.Parameters[1].RefKind == RefKind.None
                   && SymbolEqualityComparer.Default.Equals(method.Parameters[1].Type, contextType) ? 2 : 0;
        }
    }
}

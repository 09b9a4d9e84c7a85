using System.Linq;
using Microsoft.CodeAnalysis;

namespace WebsocketProxy.Generators;

public sealed partial class StreamGenerator
{
    /// <summary>Finding a channel's decoder: a named method of the class, or a method of the decoder type.</summary>
    internal static partial class Parser
    {
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

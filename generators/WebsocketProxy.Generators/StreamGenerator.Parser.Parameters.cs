using Microsoft.CodeAnalysis;
using WebsocketProxy.Generators.Model;

namespace WebsocketProxy.Generators;

public sealed partial class StreamGenerator
{
    internal static partial class Parser
    {
        /// <summary>Reads ([symbol | symbols], [buffer] or handler, cancellationToken) in that order.</summary>
        private static ParsedParameters? ParseParameters(IMethodSymbol method, ChannelMethodKind kind, ref ITypeSymbol? model, out string? error)
        {
            var expected = kind == ChannelMethodKind.Stream ? StreamParameters : CallbackParameters;
            var parameters = method.Parameters;
            var result = default(ParsedParameters);
            var i = 0;
            foreach (var parameter in parameters)
            {
                if (parameter.RefKind != RefKind.None || parameter.IsParams)
                {
                    error = $"'{parameter.Name}' must be a plain parameter (no ref, out, in or params); {expected}";
                    return null;
                }
            }

            if (i < parameters.Length && parameters[i].Type.SpecialType == SpecialType.System_String)
            {
                result = result with { SymbolKind = SymbolParameterKind.Single, Symbol = Identifier(parameters[i++].Name) };
            }
            else if (i < parameters.Length && IsStringSequence(parameters[i].Type))
            {
                result = result with { SymbolKind = SymbolParameterKind.Many, Symbol = Identifier(parameters[i++].Name) };
            }

            if (kind == ChannelMethodKind.Callback)
            {
                if (i < parameters.Length && parameters[i].Type is INamedTypeSymbol { IsGenericType: true } action
                    && action.OriginalDefinition.ToDisplayString() == "System.Action<T>")
                {
                    model = action.TypeArguments[0];
                    result = result with { Handler = Identifier(parameters[i++].Name) };
                }
                else
                {
                    error = $"a callback needs an Action<T> handler; {expected}";
                    return null;
                }
            }
            else if (i < parameters.Length && parameters[i].Type.ToDisplayString().TrimEnd('?') == "WebsocketProxy.Streaming.StreamBufferOptions")
            {
                result = result with { Buffer = Identifier(parameters[i++].Name) };
            }

            if (i != parameters.Length - 1 || parameters[i].Type.ToDisplayString() != "System.Threading.CancellationToken")
            {
                error = $"the last parameter must be a CancellationToken and nothing else may come between; {expected}";
                return null;
            }

            error = null;
            return result with { Cancellation = Identifier(parameters[i].Name) };
        }

        private static bool IsStringSequence(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String })
            {
                return true;
            }

            if (IsEnumerableOfString(type))
            {
                return true;
            }

            foreach (var face in type.AllInterfaces)
            {
                if (IsEnumerableOfString(face))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsEnumerableOfString(ITypeSymbol type)
            => type is INamedTypeSymbol { IsGenericType: true } named
               && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
               && named.TypeArguments[0].SpecialType == SpecialType.System_String;

        private readonly record struct ParsedParameters(
            SymbolParameterKind SymbolKind,
            string? Symbol,
            string? Buffer,
            string? Handler,
            string Cancellation);
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WebsocketProxy.Generators.Model;

namespace WebsocketProxy.Generators;

public sealed partial class StreamGenerator
{
    internal static partial class Parser
    {
        /// <summary>The protocol's decode context member, if it names one (parser-internal; never stored in a model).</summary>
        private readonly record struct DecodeContextInfo(string? Name, ITypeSymbol? Type);

        private const string StreamParameters = "expected ([string symbol | IEnumerable<string> symbols], [StreamBufferOptions? buffer], CancellationToken cancellationToken)";
        private const string CallbackParameters = "expected ([string symbol | IEnumerable<string> symbols], Action<T> handler, CancellationToken cancellationToken)";

        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
            SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static List<ChannelSpec> ParseChannels(INamedTypeSymbol type, string? symbolField, DecodeContextInfo context, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            var channels = new List<ChannelSpec>();
            var byCode = new Dictionary<string, ChannelSpec>(System.StringComparer.Ordinal);
            var channelCount = 0;
            foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ChannelAttribute);
                if (attribute is null)
                {
                    continue;
                }

                var location = method.Locations.FirstOrDefault();
                var channel = ParseChannel(type, method, attribute, channelCount, symbolField, context, location, diagnostics);
                if (channel is null)
                {
                    continue;
                }

                if (byCode.TryGetValue(channel.TypeCode, out var existing))
                {
                    // Overloads of one method (one symbol, several, or all) share their channel.
                    if (existing.MethodName == channel.MethodName && existing.ChannelName == channel.ChannelName && existing.ModelType == channel.ModelType)
                    {
                        channels.Add(channel with { Index = existing.Index });
                        continue;
                    }

                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTypeCode, location, channel.TypeCode, method.Name, existing.MethodName));
                    continue;
                }

                byCode.Add(channel.TypeCode, channel);
                channels.Add(channel);
                channelCount++;
            }

            return channels;
        }

        private static ChannelSpec? ParseChannel(INamedTypeSymbol type, IMethodSymbol method, AttributeData attribute, int index, string? symbolField, DecodeContextInfo context, Location? location, List<DiagnosticInfo> diagnostics)
        {
            if (method.IsStatic || method.IsGenericMethod || !method.IsPartialDefinition || method.PartialImplementationPart is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MethodNotPartial, location, method.Name));
                return null;
            }

            var channelName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            var typeCode = Named<string>(attribute, "TypeCode");
            if (string.IsNullOrEmpty(channelName) || string.IsNullOrEmpty(typeCode))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidChannel, location, method.Name));
                return null;
            }

            var kind = ReturnKind(method.ReturnType, out var model);
            if (kind is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidReturnType, location, method.Name, method.ReturnType.ToDisplayString()));
                return null;
            }

            var parameters = ParseParameters(method, kind.Value, ref model, out var error);
            if (parameters is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidParameters, location, method.Name, error!));
                return null;
            }

            if (parameters.Value.SymbolKind != SymbolParameterKind.None && string.IsNullOrEmpty(symbolField))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingSymbolField, location, method.Name, type.ToDisplayString()));
                return null;
            }

            if (model is null || model.TypeKind == TypeKind.Error || model is ITypeParameterSymbol)
            {
                var reason = model is ITypeParameterSymbol ? "type parameters are not supported" : "it cannot be resolved";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidModel, location, model?.ToDisplayString() ?? "?", method.Name, reason));
                return null;
            }

            var decoderType = Named<INamedTypeSymbol>(attribute, "DecoderType") ?? model;
            var decoder = FindDecoder(type, model, decoderType, Named<string>(attribute, "Decoder"), context, out var usesContext);
            if (decoder is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingDecoder, location, model.ToDisplayString(), method.Name));
                return null;
            }

            var packDecoder = FindPackDecoder(type, model, decoderType, Named<string>(attribute, "Decoder"), context, out var packUsesContext);
            string? jsonDecoder = null;
            var jsonUsesContext = false;
            if (string.IsNullOrEmpty(Named<string>(attribute, "Decoder")))
            {
                jsonDecoder = FindJsonSpanDecoder(model, decoderType, context, out jsonUsesContext);
            }
            var description = Named<string>(attribute, "Description");
            if (description is not null && !IsDescribedShape(method, kind.Value, symbolField))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDescribedChannel, location, method.Name, DescribedShape(method.Name, symbolField)));
                return null;
            }

            var p = parameters.Value;
            return new ChannelSpec(
                index,
                method.Name,
                Accessibility(method.DeclaredAccessibility),
                kind.Value,
                method.ReturnType.ToDisplayString(TypeFormat),
                channelName!,
                typeCode!,
                model.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                decoder,
                usesContext ? context.Name : null,
                new EquatableArray<ParameterSpec>(method.Parameters.Select(x => new ParameterSpec(x.Type.ToDisplayString(TypeFormat), Identifier(x.Name)))),
                p.SymbolKind,
                p.Symbol,
                p.Buffer,
                p.Handler,
                p.Cancellation,
                description,
                packDecoder,
                packUsesContext ? context.Name : null,
                jsonDecoder,
                jsonUsesContext ? context.Name : null);
        }

        /// <summary>
        /// A described channel is declared in its simplest form, with the parameter names its generated
        /// documentation refers to: <c>(string symbol, CancellationToken cancellationToken)</c>, or
        /// <c>(CancellationToken cancellationToken)</c> without a symbol field.
        /// </summary>
        private static bool IsDescribedShape(IMethodSymbol method, ChannelMethodKind kind, string? symbolField)
        {
            if (kind != ChannelMethodKind.Stream || string.IsNullOrWhiteSpace(Named<string>(method.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == ChannelAttribute), "Description")))
            {
                return false;
            }

            var parameters = method.Parameters;
            var routed = !string.IsNullOrEmpty(symbolField);
            return routed
                ? parameters.Length == 2 && parameters[0].Name == "symbol" && parameters[0].Type.SpecialType == SpecialType.System_String && parameters[1].Name == "cancellationToken"
                : parameters.Length == 1 && parameters[0].Name == "cancellationToken";
        }

        private static string DescribedShape(string name, string? symbolField)
            => string.IsNullOrEmpty(symbolField)
                ? $"IAsyncEnumerable<T> {name}(CancellationToken cancellationToken = default)"
                : $"IAsyncEnumerable<T> {name}(string symbol, CancellationToken cancellationToken = default)";

        private static ChannelMethodKind? ReturnKind(ITypeSymbol returnType, out ITypeSymbol? model)
        {
            model = null;
            if (returnType is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
            {
                return null;
            }

            switch (named.OriginalDefinition.ToDisplayString())
            {
                case "System.Collections.Generic.IAsyncEnumerable<T>":
                    model = named.TypeArguments[0];
                    return ChannelMethodKind.Stream;
                case "System.Threading.Tasks.ValueTask<TResult>" when named.TypeArguments[0].ToDisplayString() == "WebsocketProxy.Streaming.StreamSubscription":
                    return ChannelMethodKind.Callback;
                default:
                    return null;
            }
        }

        private static string Accessibility(Accessibility accessibility) => accessibility switch
        {
            Microsoft.CodeAnalysis.Accessibility.Public => "public",
            Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
            Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
            Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
            Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };

        private static string Identifier(string name)
            => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using WebsocketProxy.Generators.Model;

namespace WebsocketProxy.Generators;

public sealed partial class StreamGenerator
{
    /// <summary>Turns a <c>[StreamFacade]</c> class into a <see cref="FacadeSpec"/>: the described channels of the stream class it names.</summary>
    internal static partial class Parser
    {
        public static FacadeParseResult ParseFacade(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            var name = type.ToDisplayString();
            var location = syntax.Identifier.GetLocation();
            var attribute = context.Attributes[0];
            var stream = attribute.ConstructorArguments.Length == 2 ? attribute.ConstructorArguments[0].Value as INamedTypeSymbol : null;
            var member = attribute.ConstructorArguments.Length == 2 ? attribute.ConstructorArguments[1].Value as string : null;

            string? error = null;
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || type.ContainingType is not null || type.IsGenericType)
            {
                error = "it must be a top-level, non-generic partial class";
            }
            else if (stream is null || !stream.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ProtocolAttribute))
            {
                error = $"'{stream?.ToDisplayString() ?? "?"}' is not a [StreamProtocol] class";
            }
            else if (string.IsNullOrEmpty(member) || !HoldsStream(type, member!, stream))
            {
                error = $"'{member}' must name an instance property or field of type '{stream.ToDisplayString()}'";
            }

            if (error is not null)
            {
                return new FacadeParseResult(null, new EquatableArray<DiagnosticInfo>(new[] { DiagnosticInfo.Create(DiagnosticDescriptors.InvalidFacade, location, name, error) }));
            }

            var protocol = stream!.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == ProtocolAttribute);
            var symbolField = Named<string>(protocol, "SymbolField");
            var families = new List<ChannelFamilySpec>();
            foreach (var method in stream.GetMembers().OfType<IMethodSymbol>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var channel = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ChannelAttribute);
                var description = channel is null ? null : Named<string>(channel, "Description");
                ITypeSymbol? model = null;
                var kind = description is null ? null : ReturnKind(method.ReturnType, out model);

                // A channel of the wrong shape is reported on the stream class (WSP018); here it is left out.
                if (description is null || kind != ChannelMethodKind.Stream || !IsDescribedShape(method, kind.Value, symbolField))
                {
                    continue;
                }

                families.Add(new ChannelFamilySpec(
                    method.Name,
                    Accessibility(method.DeclaredAccessibility),
                    model!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                    description,
                    !string.IsNullOrEmpty(symbolField)));
            }

            var spec = new FacadeSpec(
                type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                name + ".Facade.g.cs",
                member!,
                new EquatableArray<ChannelFamilySpec>(families));
            return new FacadeParseResult(spec, EquatableArray<DiagnosticInfo>.Empty);
        }

        private static bool HoldsStream(INamedTypeSymbol type, string member, INamedTypeSymbol stream)
            => type.GetMembers(member).Any(m => !m.IsStatic && m switch
            {
                IPropertySymbol { GetMethod: not null } property => SymbolEqualityComparer.Default.Equals(property.Type, stream),
                IFieldSymbol field => SymbolEqualityComparer.Default.Equals(field.Type, stream),
                _ => false,
            });
    }
}

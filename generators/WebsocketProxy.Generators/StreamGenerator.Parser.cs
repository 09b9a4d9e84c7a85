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
    /// <summary>Turns a <c>[StreamProtocol]</c> class into a <see cref="ProtocolSpec"/>: symbols are read here and never leave.</summary>
    internal static partial class Parser
    {
        private const string TopicsPlaceholder = "{topics}";
        private const string TopicPlaceholder = "{topic}";
        private const string ChannelPlaceholder = "{channel}";

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var syntax = (ClassDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            var name = type.ToDisplayString();
            var location = syntax.Identifier.GetLocation();

            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, location, name));
                return Result(null, diagnostics);
            }

            if (type.ContainingType is not null || type.IsGenericType || type.IsStatic)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, location, name));
                return Result(null, diagnostics);
            }

            var attribute = context.Attributes[0];
            var discriminator = Named<string>(attribute, "Discriminator");
            var symbolField = Named<string>(attribute, "SymbolField");
            var subscribe = Named<string>(attribute, "Subscribe");
            var unsubscribe = Named<string>(attribute, "Unsubscribe");
            var topicFormat = Named<string>(attribute, "TopicFormat") ?? TopicPlaceholder;
            var separator = Named<string>(attribute, "Separator") ?? ",";
            var maxTopics = attribute.NamedArguments.Any(a => a.Key == "MaxTopicsPerMessage") ? Named<int>(attribute, "MaxTopicsPerMessage") : 100;
            var rawTopics = Named<bool>(attribute, "RawTopics");
            var contextName = Named<string>(attribute, "DecodeContext");
            ITypeSymbol? contextType = null;
            if (!string.IsNullOrEmpty(contextName))
            {
                contextType = type.GetMembers(contextName!).FirstOrDefault(m => m.IsStatic) switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol { GetMethod: not null } property => property.Type,
                    _ => null,
                };
                if (contextType is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidDecodeContext, location, name, contextName!));
                }
            }

            var routerSource = Named<string>(attribute, "RouterSource");
            if (!string.IsNullOrEmpty(routerSource) && !IsRouterSource(type, routerSource!))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidRouterSource, location, name, routerSource!));
            }

            var binaryDispatcher = Named<string>(attribute, "BinaryDispatcher");
            if (!string.IsNullOrEmpty(binaryDispatcher) && !type.GetMembers(binaryDispatcher!).OfType<IMethodSymbol>().Any(IsBinaryDispatcher))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidBinaryDispatcher, location, name, binaryDispatcher!));
            }

            // StreamWireFormat: Json = 0, MessagePack = 1 (the default).
            var binaryFramesSet = attribute.NamedArguments.Any(a => a.Key == "BinaryFrames");
            var binaryFramesHoldJson = binaryFramesSet && Named<int>(attribute, "BinaryFrames") == 0;
            if (binaryFramesHoldJson && !string.IsNullOrEmpty(binaryDispatcher))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidBinaryFrames, location, name));
            }

            if (string.IsNullOrEmpty(discriminator))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingDiscriminator, location, name));
            }

            CheckTemplate(diagnostics, location, name, "Subscribe template", subscribe, TopicsPlaceholder);
            CheckTemplate(diagnostics, location, name, "Unsubscribe template", unsubscribe, TopicsPlaceholder);
            CheckTemplate(diagnostics, location, name, "TopicFormat", topicFormat, TopicPlaceholder);
            if (maxTopics < 1)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTemplate, location, name, "MaxTopicsPerMessage", "it must be at least 1"));
            }

            if (diagnostics.Count > 0)
            {
                return Result(null, diagnostics);
            }

            var channels = ParseChannels(type, symbolField, new DecodeContextInfo(contextName, contextType), diagnostics, cancellationToken);
            var ownsLifetime = string.IsNullOrEmpty(routerSource);
            var emitsMessagePack = false;
            if (string.IsNullOrEmpty(binaryDispatcher) && !binaryFramesHoldJson && (binaryFramesSet || channels.Any(c => c.PackDecoder is not null)))
            {
                // One channel that MessagePack reaches means every channel must be reachable: a frame mixes types.
                emitsMessagePack = true;
                foreach (var channel in channels.Where(c => c.PackDecoder is null))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingMessagePackDecoder, location, channel.MethodName, channel.ModelType.Replace("global::", string.Empty)));
                }
            }

            foreach (var conflict in Conflicts(type, channels, ownsLifetime, emitsMessagePack))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ConflictingMember, location, name, conflict));
            }

            if (diagnostics.Any(d => d.Id == DiagnosticDescriptors.ConflictingMember.Id))
            {
                return Result(null, diagnostics);
            }

            var templates = channels
                .Select(c => c.ChannelName)
                .Distinct()
                .Select(channel => new TemplateSpec(
                    channel,
                    subscribe!.Replace(ChannelPlaceholder, channel),
                    unsubscribe!.Replace(ChannelPlaceholder, channel),
                    topicFormat.Replace(ChannelPlaceholder, channel)));

            var spec = new ProtocolSpec(
                type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
                type.Name,
                name,
                name + ".g.cs",
                discriminator!,
                string.IsNullOrEmpty(symbolField) ? null : symbolField,
                rawTopics,
                separator,
                maxTopics,
                string.IsNullOrEmpty(binaryDispatcher) ? null : binaryDispatcher,
                new EquatableArray<TemplateSpec>(templates),
                new EquatableArray<ChannelSpec>(channels),
                ownsLifetime ? null : routerSource,
                binaryFramesHoldJson);
            return Result(spec, diagnostics);
        }

        public static DiagnosticInfo? ParseStrayChannel(GeneratorAttributeSyntaxContext context)
        {
            var method = (IMethodSymbol)context.TargetSymbol;
            var type = method.ContainingType;
            var hasProtocol = type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ProtocolAttribute);
            return hasProtocol
                ? null
                : DiagnosticInfo.Create(DiagnosticDescriptors.ChannelOutsideProtocol, ((MethodDeclarationSyntax)context.TargetNode).Identifier.GetLocation(), method.Name, type.ToDisplayString());
        }

        private static T? Named<T>(AttributeData attribute, string name)
        {
            foreach (var argument in attribute.NamedArguments)
            {
                if (argument.Key == name && argument.Value.Value is T value)
                {
                    return value;
                }
            }

            return default;
        }

        private static ParseResult Result(ProtocolSpec? spec, List<DiagnosticInfo> diagnostics)
            => new(spec, new EquatableArray<DiagnosticInfo>(diagnostics));
    }
}

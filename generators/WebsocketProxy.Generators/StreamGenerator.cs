using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace WebsocketProxy.Generators;

/// <summary>
/// Completes every <c>[StreamProtocol]</c> partial class: subscription templates, a dispatcher that
/// scans each frame once with <c>Utf8JsonReader</c> and decodes only what this process listens to,
/// and the typed stream methods (with the overloads and documentation of described channels); and the
/// forwarders of every <c>[StreamFacade]</c> class. This file is the pipeline only; see the parser and the emitter.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class StreamGenerator : IIncrementalGenerator
{
    internal const string ProtocolAttribute = "WebsocketProxy.Streaming.StreamProtocolAttribute";
    internal const string ChannelAttribute = "WebsocketProxy.Streaming.StreamChannelAttribute";
    internal const string DecoderAttribute = "WebsocketProxy.Streaming.StreamDecoderAttribute";
    internal const string FacadeAttribute = "WebsocketProxy.Streaming.StreamFacadeAttribute";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ProtocolAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Parser.Parse(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        var specs = parsed
            .Select(static (result, _) => result.Spec)
            .Where(static spec => spec is not null)
            .WithTrackingName(TrackingNames.Specs);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);

        // [StreamChannel] on a class without [StreamProtocol] would otherwise be silently ignored.
        var strayChannels = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ChannelAttribute,
                static (node, _) => node is MethodDeclarationSyntax,
                static (syntaxContext, _) => Parser.ParseStrayChannel(syntaxContext))
            .Where(static diagnostic => diagnostic is not null)
            .WithTrackingName(TrackingNames.StrayChannels);

        var facades = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                FacadeAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (syntaxContext, cancellationToken) => Parser.ParseFacade(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.Facades);

        context.RegisterSourceOutput(specs, static (output, spec) =>
            output.AddSource(spec!.HintName, Emitter.Emit(spec)));

        context.RegisterSourceOutput(diagnostics, static (output, items) =>
        {
            foreach (var item in items)
            {
                output.ReportDiagnostic(item.ToDiagnostic());
            }
        });

        context.RegisterSourceOutput(facades, static (output, result) =>
        {
            foreach (var item in result.Diagnostics)
            {
                output.ReportDiagnostic(item.ToDiagnostic());
            }

            if (result.Spec is { } spec)
            {
                output.AddSource(spec.HintName, Emitter.EmitFacade(spec));
            }
        });

        context.RegisterSourceOutput(strayChannels, static (output, item) =>
            output.ReportDiagnostic(item!.ToDiagnostic()));
    }
}

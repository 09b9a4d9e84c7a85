using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace WebsocketProxy.Generators;

/// <summary>Every diagnostic the stream generator reports. IDs are stable: never renumber, only add.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "WebsocketProxy.Streaming";

    public static readonly DiagnosticDescriptor ClassNotPartial = Error(
        "WSP001", "Stream protocol class must be partial",
        "The stream protocol class '{0}' must be declared partial so the generator can complete it");

    public static readonly DiagnosticDescriptor UnsupportedClass = Error(
        "WSP002", "Stream protocol class shape is not supported",
        "The stream protocol class '{0}' must be a top-level, non-generic, non-static class");

    public static readonly DiagnosticDescriptor MissingDiscriminator = Error(
        "WSP003", "Stream protocol has no discriminator",
        "The stream protocol class '{0}' declares no Discriminator: set [StreamProtocol(Discriminator = \"...\")] to the JSON property that holds each message's type code");

    public static readonly DiagnosticDescriptor InvalidTemplate = Error(
        "WSP004", "Subscription template is invalid",
        "The {1} of stream protocol class '{0}' is invalid: {2}");

    public static readonly DiagnosticDescriptor MethodNotPartial = Error(
        "WSP005", "Channel method must be a partial declaration",
        "The channel method '{0}' must be a partial, non-static, non-generic method declaration without a body");

    public static readonly DiagnosticDescriptor InvalidReturnType = Error(
        "WSP006", "Channel method has an unsupported return type",
        "The channel method '{0}' returns '{1}': it must return IAsyncEnumerable<T> (a stream) or ValueTask<StreamSubscription> (a callback)");

    public static readonly DiagnosticDescriptor InvalidParameters = Error(
        "WSP007", "Channel method has invalid parameters",
        "The channel method '{0}' has invalid parameters: {1}");

    public static readonly DiagnosticDescriptor InvalidChannel = Error(
        "WSP008", "Channel name or type code is missing",
        "The channel method '{0}' must name its channel and set TypeCode: [StreamChannel(\"bars\", TypeCode = \"b\")]");

    public static readonly DiagnosticDescriptor MissingSymbolField = Error(
        "WSP009", "Symbol parameter without symbol field",
        "The channel method '{0}' takes symbols but stream protocol class '{1}' declares no SymbolField to route them by");

    public static readonly DiagnosticDescriptor MissingDecoder = Error(
        "WSP010", "Model type has no decoder",
        "The model type '{0}' of channel method '{1}' has no decoder: add 'public static {0} Read(ref Utf8JsonReader reader)', mark such a method [StreamDecoder], or name one on the stream class with [StreamChannel(Decoder = ...)]");

    public static readonly DiagnosticDescriptor InvalidModel = Error(
        "WSP011", "Model type cannot be used",
        "The model type '{0}' of channel method '{1}' cannot be used: {2}");

    public static readonly DiagnosticDescriptor DuplicateTypeCode = Error(
        "WSP012", "Duplicate type code",
        "The type code '{0}' of channel method '{1}' is already declared by '{2}': each type code belongs to one method");

    public static readonly DiagnosticDescriptor ChannelOutsideProtocol = Error(
        "WSP013", "Channel method outside a stream protocol class",
        "The method '{0}' has [StreamChannel] but its class '{1}' has no [StreamProtocol]");

    public static readonly DiagnosticDescriptor InvalidDecodeContext = Error(
        "WSP014", "Decode context member is invalid",
        "The DecodeContext '{1}' of stream protocol class '{0}' must name a static field or property of that class");

    public static readonly DiagnosticDescriptor InvalidBinaryDispatcher = Error(
        "WSP015", "Binary dispatcher is invalid",
        "The BinaryDispatcher '{1}' of stream protocol class '{0}' must name a method 'static void {1}(ReadOnlySpan<byte> frame, StreamDispatchContext context)' of that class");

    public static readonly DiagnosticDescriptor ConflictingMember = Error(
        "WSP016", "Member conflicts with a generated member",
        "The member '{1}' of stream protocol class '{0}' conflicts with the member the generator adds; rename it");

    public static readonly DiagnosticDescriptor InvalidRouterSource = Error(
        "WSP017", "Router source is invalid",
        "The RouterSource '{1}' of stream protocol class '{0}' must name an instance method 'ValueTask<StreamRouter> {1}(CancellationToken cancellationToken)' of that class or a base class");

    public static readonly DiagnosticDescriptor InvalidDescribedChannel = Error(
        "WSP018", "Described channel has the wrong shape",
        "The channel method '{0}' has a Description, so it is its channel's one declaration and must be declared as '{1}'");

    public static readonly DiagnosticDescriptor InvalidFacade = Error(
        "WSP019", "Stream facade is invalid",
        "The stream facade class '{0}' is invalid: {1}");

    public static readonly DiagnosticDescriptor MissingMessagePackDecoder = Error(
        "WSP020", "Channel has no MessagePack decoder",
        "The channel method '{0}' has no MessagePack decoder while its protocol reads MessagePack binary frames: add 'static {1} Read(ReadOnlySpan<byte> message, out int consumed)' (with the decode context as a third parameter if the protocol has one) beside its JSON decoder, or set BinaryFrames = StreamWireFormat.Json");

    public static readonly DiagnosticDescriptor InvalidBinaryFrames = Error(
        "WSP021", "Binary frames hold JSON but a binary dispatcher is named",
        "The stream protocol class '{0}' sets BinaryFrames = StreamWireFormat.Json, so binary frames go to the JSON dispatcher, and also names a BinaryDispatcher that would never run; remove one");

    private static readonly Dictionary<string, DiagnosticDescriptor> All = new[]
    {
        ClassNotPartial, UnsupportedClass, MissingDiscriminator, InvalidTemplate, MethodNotPartial, InvalidReturnType,
        InvalidParameters, InvalidChannel, MissingSymbolField, MissingDecoder, InvalidModel, DuplicateTypeCode, ChannelOutsideProtocol, InvalidDecodeContext, InvalidBinaryDispatcher, ConflictingMember,
        InvalidRouterSource, InvalidDescribedChannel, InvalidFacade, MissingMessagePackDecoder, InvalidBinaryFrames,
    }.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => All[id];

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}

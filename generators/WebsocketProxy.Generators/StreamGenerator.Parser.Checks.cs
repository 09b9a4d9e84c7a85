using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using WebsocketProxy.Generators.Model;

namespace WebsocketProxy.Generators;

public sealed partial class StreamGenerator
{
    internal static partial class Parser
    {
        /// <summary>User members whose names or signatures the generated members would take.</summary>
        private static IEnumerable<string> Conflicts(INamedTypeSymbol type, List<ChannelSpec> channels, bool ownsLifetime, bool emitsMessagePack)
        {
            var generated = new HashSet<string>(System.StringComparer.Ordinal) { "Protocol", "DispatchElement", "MatchTypeCode" };
            if (emitsMessagePack)
            {
                generated.UnionWith(new[] { "DispatchBinaryFrame", "DispatchMessagePackElement" });
            }

            if (ownsLifetime)
            {
                generated.UnionWith(new[] { "Router", "DisposeAsync", "_router" });
            }

            // The sibling overloads of described channels, as "Name(type, type, ...)".
            var overloads = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var channel in channels)
            {
                generated.Add(channel.MethodName + "Core");
                if (channel.Description is not null && channel.SymbolKind == SymbolParameterKind.Single)
                {
                    generated.Add("All" + channel.MethodName);
                    overloads.Add($"{channel.MethodName}(string, {BufferTypeName}, {TokenTypeName})");
                    overloads.Add($"{channel.MethodName}(System.Collections.Generic.IEnumerable<string>, {BufferTypeName}, {TokenTypeName})");
                }
                else if (channel.Description is not null)
                {
                    overloads.Add($"{channel.MethodName}({BufferTypeName}, {TokenTypeName})");
                }
            }

            foreach (var member in type.GetMembers())
            {
                if (member.IsImplicitlyDeclared)
                {
                    continue;
                }

                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor && ownsLifetime)
                {
                    if (constructor.Parameters.Length > 0 && constructor.Parameters[0].Type.ToDisplayString() == "WebsocketProxy.Client.IProxyConnection")
                    {
                        yield return constructor.ToDisplayString();
                    }
                }
                else if (member is IMethodSymbol { MethodKind: MethodKind.Constructor })
                {
                    continue;
                }
                else if (generated.Contains(member.Name) || (member.Name.StartsWith("Template", System.StringComparison.Ordinal) && member is IFieldSymbol))
                {
                    yield return member.Name;
                }
                else if (member is IMethodSymbol method && overloads.Contains(Signature(method)))
                {
                    yield return method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
                }
            }
        }

        private const string BufferTypeName = "WebsocketProxy.Streaming.StreamBufferOptions";
        private const string TokenTypeName = "System.Threading.CancellationToken";

        /// <summary>"Name(type, ...)" with nullable annotations left out: overloads cannot differ by them.</summary>
        private static string Signature(IMethodSymbol method)
            => $"{method.Name}({string.Join(", ", method.Parameters.Select(p => p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString()))})";

        /// <summary>An instance <c>ValueTask&lt;StreamRouter&gt; M(CancellationToken)</c> of the class or a base class.</summary>
        private static bool IsRouterSource(INamedTypeSymbol type, string name)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                foreach (var method in current.GetMembers(name).OfType<IMethodSymbol>())
                {
                    if (!method.IsStatic
                        && !method.IsGenericMethod
                        && (SymbolEqualityComparer.Default.Equals(current, type) || method.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Private)
                        && method.Parameters.Length == 1
                        && method.Parameters[0].RefKind == RefKind.None
                        && method.Parameters[0].Type.ToDisplayString() == "System.Threading.CancellationToken"
                        && method.ReturnType.ToDisplayString() == "System.Threading.Tasks.ValueTask<WebsocketProxy.Streaming.StreamRouter>")
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsBinaryDispatcher(IMethodSymbol method)
            => method.IsStatic
               && !method.IsGenericMethod
               && method.ReturnsVoid
               && method.Parameters.Length == 2
               && method.Parameters[0].RefKind == RefKind.None
               && method.Parameters[0].Type.ToDisplayString() == "System.ReadOnlySpan<byte>"
               && method.Parameters[1].Type.ToDisplayString() == "WebsocketProxy.Streaming.StreamDispatchContext";

        private static void CheckTemplate(List<DiagnosticInfo> diagnostics, Location location, string name, string what, string? template, string placeholder)
        {
            if (template is null || template.Length == 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTemplate, location, name, what, "it is missing"));
                return;
            }

            var first = template.IndexOf(placeholder, System.StringComparison.Ordinal);
            if (first < 0 || template.IndexOf(placeholder, first + 1, System.StringComparison.Ordinal) >= 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidTemplate, location, name, what, $"it must contain '{placeholder}' exactly once"));
            }
        }
    }
}

using Microsoft.CodeAnalysis;
using WebsocketProxy.Generators.Tests.Support;

namespace WebsocketProxy.Generators.Tests.Diagnostics;

internal static class DiagnosticAssert
{
    public const string Model = """
        public sealed record Bar(string Symbol)
        {
            public static Bar Read(ref System.Text.Json.Utf8JsonReader reader) { reader.Skip(); return new Bar(""); }
        }
        """;

    /// <summary>Asserts the generator reports exactly one <paramref name="id"/>, on <paramref name="target"/>, saying <paramref name="says"/>.</summary>
    public static Diagnostic Single(string source, string id, string target, string says)
    {
        var (result, output) = GeneratorHarness.Run(Model, source);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(target, GeneratorHarness.Target(diagnostic, output));
        Assert.Contains(says, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return diagnostic;
    }

    public static void None(string source) => Assert.Empty(GeneratorHarness.Diagnostics(Model, source));
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Generators.Tests.Support;

/// <summary>Compiles test sources with the real generator, in memory.</summary>
internal static class GeneratorHarness
{
    // Diagnose documentation so that generated public members without XML docs would show (CS1591).
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview, DocumentationMode.Diagnose);

    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using WebsocketProxy.Streaming;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(StreamRouter).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IProxyConnection).Assembly.Location),
    ]);

    public static CSharpCompilation Compilation(params string[] sources)
        => CSharpCompilation.Create(
            "GeneratorTest",
            [CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, "GlobalUsings.cs"), .. sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, $"Source{i}.cs"))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver()
        => CSharpGeneratorDriver.Create(
            [new StreamGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its result and the compilation that includes the generated source.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Run(params string[] sources)
    {
        var driver = Driver().RunGeneratorsAndUpdateCompilation(Compilation(sources), out var output, out _);
        return (driver.GetRunResult().Results.Single(), output);
    }

    /// <summary>The generator's own diagnostics for <paramref name="sources"/>.</summary>
    public static ImmutableArray<Diagnostic> Diagnostics(params string[] sources) => Run(sources).Result.Diagnostics;

    /// <summary>Compiler errors and warnings of the output; missing docs only count in generated code (test sources have none).</summary>
    public static ImmutableArray<Diagnostic> CompilerProblems(Compilation output)
        => [.. output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning
            && (d.Id != "CS1591" || d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true))];

    /// <summary>The text a diagnostic points at. Generator diagnostics carry a file location (path and span), not a tree.</summary>
    public static string Target(Diagnostic diagnostic, Compilation compilation)
    {
        var path = diagnostic.Location.GetLineSpan().Path;
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return tree.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}

using System.Text.RegularExpressions;

namespace WebsocketProxy.Alpaca.Tests.Docs;

/// <summary>
/// Every C# block in README.md is taken from a sample that the solution builds, so the README cannot drift
/// from code that compiles: each block must stand, line for line, in a file under samples/.
/// </summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public void Readme_EveryCSharpBlock_StandsInACompiledSample()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var blocks = CSharpBlock().Matches(readme).Select(m => Lines(m.Groups[1].Value)).ToList();
        var samples = Directory.EnumerateFiles(Path.Combine(root, "samples"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path: f, Lines: Lines(File.ReadAllText(f))))
            .ToList();

        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
        {
            Assert.True(
                samples.Any(s => Contains(s.Lines, block)),
                $"This README block is not in any file under samples/:{Environment.NewLine}{string.Join(Environment.NewLine, block)}");
        }
    }

    [Fact]
    public void Readme_GivesTheTwoCommands_AndCiRunsTheTestCommand()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var ci = File.ReadAllText(Path.Combine(root, ".ci", "run"));

        // The first code block holds the two commands; .ci/run runs the test command exactly as written there.
        var first = readme[(readme.IndexOf("```bash\n", StringComparison.Ordinal) + "```bash\n".Length)..];
        var commands = Lines(first[..first.IndexOf("```", StringComparison.Ordinal)]).Select(l => l.Split('#')[0].Trim()).ToArray();
        Assert.Equal(2, commands.Length);
        Assert.Equal("dotnet run --project samples/MultiStrategy", commands[0]);
        Assert.StartsWith("dotnet test WebsocketProxy.sln", commands[1], StringComparison.Ordinal);
        Assert.Contains(commands[1], Lines(ci));
    }

    private static string[] Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    private static bool Contains(string[] haystack, string[] needle)
    {
        for (var start = 0; start + needle.Length <= haystack.Length; start++)
        {
            if (haystack.AsSpan(start, needle.Length).SequenceEqual(needle))
            {
                return true;
            }
        }

        return false;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebsocketProxy.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No WebsocketProxy.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}

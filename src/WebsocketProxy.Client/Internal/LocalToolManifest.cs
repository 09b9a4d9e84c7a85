using System.Text.Json;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// Finds websocket-proxy installed as a local dotnet tool (<c>dotnet tool install WebsocketProxy.Server</c> next
/// to a tool manifest): the manifest closest to the directory names the package and version, and the tool's
/// files are in the NuGet packages folder, where <c>dotnet tool restore</c> put them.
/// </summary>
internal static class LocalToolManifest
{
    /// <summary>Paths of the installed tool's entry assembly for each manifest from <paramref name="start"/> up that names <paramref name="command"/>.</summary>
    public static IEnumerable<string> Find(string start, string command, string packagesFolder)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            foreach (var manifest in (string[])[Path.Combine(directory.FullName, ".config", "dotnet-tools.json"), Path.Combine(directory.FullName, "dotnet-tools.json")])
            {
                if (!File.Exists(manifest))
                {
                    continue;
                }

                var (tool, isRoot) = Read(manifest, command);
                if (tool is { } entry)
                {
                    // As `dotnet tool run`: the nearest manifest naming the command decides, restored or not; a
                    // manifest further up must not slip in another version.
                    foreach (var path in EntryAssemblies(packagesFolder, entry.PackageId, entry.Version, command))
                    {
                        yield return path;
                    }

                    yield break;
                }

                // `dotnet tool` stops looking above a manifest marked as the root; so does this.
                if (isRoot)
                {
                    yield break;
                }
            }
        }
    }

    /// <summary>The NuGet packages folder: <c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>.</summary>
    public static string PackagesFolder()
    {
        var configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        return !string.IsNullOrEmpty(configured)
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
    }

    private static IEnumerable<string> EntryAssemblies(string packagesFolder, string packageId, string version, string command)
    {
        // Package folders are lower-case; the tool's files sit under tools/<framework>/any/.
        var tools = Path.Combine(packagesFolder, packageId.ToLowerInvariant(), version.ToLowerInvariant(), "tools");
        if (!Directory.Exists(tools))
        {
            yield return Path.Combine(tools, "net10.0", "any", command + ".dll");
            yield break;
        }

        string[] frameworks;
        try
        {
            frameworks = [.. Directory.EnumerateDirectories(tools).OrderByDescending(FrameworkVersion)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable packages folder hides the tool; the search goes on (and its error lists this path).
            frameworks = [Path.Combine(tools, "net10.0")];
        }

        foreach (var framework in frameworks)
        {
            yield return Path.Combine(framework, "any", command + ".dll");
        }
    }

    // net9.0 < net10.0, which an ordinal sort of folder names gets wrong.
    private static Version FrameworkVersion(string folder) =>
        Path.GetFileName(folder) is ['n', 'e', 't', .. var number] && Version.TryParse(number, out var version) ? version : new Version(0, 0);

    private static ((string PackageId, string Version)? Tool, bool IsRoot) Read(string manifest, string command)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(manifest), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            var isRoot = root.TryGetProperty("isRoot", out var flag) && flag.ValueKind == JsonValueKind.True;
            if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Object)
            {
                return (null, isRoot);
            }

            foreach (var tool in tools.EnumerateObject())
            {
                if (tool.Value.ValueKind == JsonValueKind.Object
                    && tool.Value.TryGetProperty("commands", out var commands)
                    && commands.ValueKind == JsonValueKind.Array
                    && commands.EnumerateArray().Any(c => c.ValueKind == JsonValueKind.String && c.GetString() == command)
                    && tool.Value.TryGetProperty("version", out var version)
                    && version.ValueKind == JsonValueKind.String
                    && version.GetString() is { Length: > 0 } text)
                {
                    return ((tool.Name, text), isRoot);
                }
            }

            return (null, isRoot);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            // Not ours to judge: `dotnet tool` reports a broken manifest; the search goes on.
            return (null, false);
        }
    }
}

using System.Text.Json;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// Finds websocket-proxy installed as a local dotnet tool (<c>dotnet tool install WebsocketProxy.Server</c> next
/// to a tool manifest): the manifest closest to the directory names the package and version, and the tool's
/// files are in the NuGet packages folder, where <c>dotnet tool restore</c> put them.
/// </summary>
/// <remarks>
/// The search walks up to <c>/</c>, through folders other users may control (<c>/tmp</c>, a shared project tree),
/// and what it finds is run as this user. So a manifest is only believed when nobody else could have written it
/// (<see cref="Distrust"/>), its package id and version are plain NuGet names (<see cref="IsValidPackageId"/>,
/// <see cref="TryNormalizeVersion"/>), and the entry assembly it leads to lies inside the packages folder once every
/// symlink is resolved.
/// </remarks>
internal static partial class LocalToolManifest
{
    /// <summary>Paths of the installed tool's entry assembly for each manifest from <paramref name="start"/> up that names <paramref name="command"/>.</summary>
    /// <param name="start">The directory the search starts in (normally the working directory).</param>
    /// <param name="command">The tool's command name.</param>
    /// <param name="packagesFolder">The NuGet packages folder.</param>
    /// <param name="warn">Told, in a sentence, about every manifest ignored because it is not safe to follow.</param>
    public static IEnumerable<string> Find(string start, string command, string packagesFolder, Action<string>? warn = null)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            foreach (var manifest in (string[])[Path.Combine(directory.FullName, ".config", "dotnet-tools.json"), Path.Combine(directory.FullName, "dotnet-tools.json")])
            {
                if (!File.Exists(manifest))
                {
                    continue;
                }

                var (tool, isRoot, distrust) = Read(manifest, directory.FullName, command);
                if (distrust is not null)
                {
                    // Not even its isRoot counts: whoever planted it must not be able to hide the user's own manifests.
                    warn?.Invoke($"Ignoring the local tool manifest {manifest}: {distrust}");
                    continue;
                }

                if (tool is { } entry)
                {
                    if (!IsValidPackageId(entry.PackageId) || !TryNormalizeVersion(entry.Version, out var version))
                    {
                        warn?.Invoke($"Ignoring the local tool manifest {manifest}: '{entry.PackageId}' {entry.Version} is not a valid NuGet package id and version.");
                        continue;
                    }

                    // As `dotnet tool run`: the nearest manifest naming the command decides, restored or not; a
                    // manifest further up must not slip in another version.
                    foreach (var path in EntryAssemblies(packagesFolder, entry.PackageId, version, command, manifest, warn))
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

    private static IEnumerable<string> EntryAssemblies(string packagesFolder, string packageId, string version, string command, string manifest, Action<string>? warn)
    {
        // Package folders are lower-case; the tool's files sit under tools/<framework>/any/.
        var tools = Path.Combine(packagesFolder, packageId.ToLowerInvariant(), version, "tools");
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
            var entry = Path.Combine(framework, "any", command + ".dll");
            if (File.Exists(entry) && !IsInside(entry, packagesFolder))
            {
                warn?.Invoke($"Ignoring {entry} (from the local tool manifest {manifest}): a symbolic link leads it out of the packages folder {packagesFolder}.");
                continue;
            }

            yield return entry;
        }
    }

    // net9.0 < net10.0, which an ordinal sort of folder names gets wrong.
    private static Version FrameworkVersion(string folder) =>
        Path.GetFileName(folder) is ['n', 'e', 't', .. var number] && Version.TryParse(number, out var version) ? version : new Version(0, 0);

    private static ((string PackageId, string Version)? Tool, bool IsRoot, string? Distrust) Read(string manifest, string directory, string command)
    {
        try
        {
            // The folders first: only once nobody else can swap what is in them is the file itself worth opening
            // (opening a FIFO someone planted would block this process).
            if (DistrustPath(manifest, directory) is { } unsafePath)
            {
                return (null, false, unsafePath);
            }

            byte[] content;
            using (var handle = File.OpenHandle(manifest))
            {
                // Judged again on the open file, so a swap of the path after the check cannot slip another file in.
                if (DistrustFile(handle) is { } reason)
                {
                    return (null, false, reason);
                }

                content = new byte[checked((int)RandomAccess.GetLength(handle))];
                var read = 0;
                while (read < content.Length && RandomAccess.Read(handle, content.AsSpan(read), read) is var n and > 0)
                {
                    read += n;
                }

                content = content[..read];
            }

            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            var isRoot = root.TryGetProperty("isRoot", out var flag) && flag.ValueKind == JsonValueKind.True;
            if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Object)
            {
                return (null, isRoot, null);
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
                    return ((tool.Name, text), isRoot, null);
                }
            }

            return (null, isRoot, null);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or OverflowException)
        {
            // Not ours to judge: `dotnet tool` reports a broken manifest; the search goes on.
            return (null, false, null);
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace WebsocketProxy.Client.Internal;

internal static partial class LocalToolManifest
{
    private const int MaxPackageIdLength = 100;

    /// <summary>
    /// A NuGet package id as NuGet accepts one (word characters joined by single dots or dashes, at most 100): no
    /// separator, no <c>..</c>, no rooted path, so it can only name a folder directly inside the packages folder.
    /// </summary>
    internal static bool IsValidPackageId(string id) => id.Length <= MaxPackageIdLength && PackageId().IsMatch(id);

    /// <summary>
    /// Parses a NuGet version (one to four numbers, an optional pre-release label, optional build metadata) and gives
    /// the name of its folder in the packages folder, as NuGet writes it: three or four numbers, lower case, no metadata.
    /// </summary>
    internal static bool TryNormalizeVersion(string text, out string folder)
    {
        folder = string.Empty;
        var match = NuGetVersion().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var numbers = new int[4];
        var parts = match.Groups["numbers"].Value.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        folder = string.Create(CultureInfo.InvariantCulture, $"{numbers[0]}.{numbers[1]}.{numbers[2]}")
            + (numbers[3] > 0 ? string.Create(CultureInfo.InvariantCulture, $".{numbers[3]}") : string.Empty)
            + (match.Groups["release"].Success ? "-" + match.Groups["release"].Value.ToLowerInvariant() : string.Empty);
        return true;
    }

    [GeneratedRegex(@"^\w+([.-]\w+)*\z", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PackageId();

    [GeneratedRegex(@"^(?<numbers>[0-9]+(\.[0-9]+){0,3})(-(?<release>[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?\z", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NuGetVersion();
}

using System.Globalization;

namespace WebsocketProxy.Ipc.Platform.MacOS;

/// <summary>The rule behind the macOS back-end's root directory, apart from the calls that feed it so it is checked on every system.</summary>
internal static class MacOSDirectory
{
    /// <summary>
    /// <c>&lt;temporaryDirectory&gt;/wsproxy-&lt;uid&gt;</c>; <c>/tmp/wsproxy-&lt;uid&gt;</c> when the user's temporary
    /// directory is unknown (then shared with other users, and only the 0700 checks keep them out).
    /// </summary>
    public static string For(string? temporaryDirectory, int userId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(userId);
        var parent = string.IsNullOrEmpty(temporaryDirectory) || !Path.IsPathRooted(temporaryDirectory)
            ? "/tmp"
            : Path.TrimEndingDirectorySeparator(temporaryDirectory);
        return Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $"wsproxy-{userId}"));
    }
}

namespace WebsocketProxy.Client.Internal;

internal static partial class ProxyLauncher
{
    /// <summary>
    /// Variables the proxy is started with; everything else the application has (API keys, tokens, database
    /// passwords) stays out of the proxy's environment and so out of its <c>/proc/&lt;pid&gt;/environ</c>, which
    /// outlives the application that started it. An allow-list: a new secret variable is left out without anyone
    /// having to think of it. What is kept is what the proxy needs to run the .NET host, to find the same IPC folder
    /// as its clients (<c>XDG_RUNTIME_DIR</c>, <c>TMPDIR</c>), to reach the upstream through the machine's HTTP proxy
    /// and certificate store, and to format and log (locale, time zone).
    /// </summary>
    internal static readonly IReadOnlySet<string> InheritedVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "XDG_RUNTIME_DIR",
        "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy",
        "SSL_CERT_FILE", "SSL_CERT_DIR",

        // Windows (names compared without case there): what a process needs to start (Winsock fails without
        // SystemRoot), to find the .NET installation (the apphost falls back to %ProgramFiles%\dotnet) and the user's
        // profile and temporary folder.
        "SystemRoot", "windir", "SystemDrive", "TEMP", "TMP", "USERPROFILE", "LOCALAPPDATA", "APPDATA", "ComSpec", "PATHEXT",
        "ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "ProgramData", "USERNAME", "USERDOMAIN", "COMPUTERNAME",
        "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE",
    };

    private static readonly HashSet<string> InheritedVariablesIgnoringCase = new(InheritedVariables, StringComparer.OrdinalIgnoreCase);

    /// <summary>Prefixes of inherited variables: the .NET host and runtime settings, the locale, and the proxy's own.</summary>
    internal static readonly IReadOnlyList<string> InheritedPrefixes = ["DOTNET_", "COREHOST_", "LC_", "WEBSOCKET_PROXY_"];

    private static void ScrubEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.ToArray())
        {
            if (!IsInherited(name))
            {
                environment.Remove(name);
            }
        }
    }

    internal static bool IsInherited(string name) => IsInherited(name, ignoreCase: OperatingSystem.IsWindows());

    /// <param name="name">The variable's name.</param>
    /// <param name="ignoreCase">Windows: its environment names ignore case (the search path is usually <c>Path</c>).</param>
    internal static bool IsInherited(string name, bool ignoreCase) => ignoreCase
        ? InheritedVariablesIgnoringCase.Contains(name) || InheritedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        : InheritedVariables.Contains(name) || InheritedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Client.Internal;

/// <summary>Finds the proxy executable and starts it detached from this process, with a scrubbed environment.</summary>
internal static partial class ProxyLauncher
{
    public const string PathVariable = "WEBSOCKET_PROXY_PATH";
    private const string ExecutableName = "websocket-proxy";
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Process> Spawned = new(StringComparer.Ordinal);

    /// <summary>Returns the program to run and its leading arguments, or throws listing every path tried.</summary>
    /// <param name="configured">The configured proxy path, if any.</param>
    /// <param name="warn">Told about every local tool manifest ignored as unsafe.</param>
    public static (string Program, string[] Arguments) Locate(string? configured, Action<string>? warn = null)
    {
        var tried = new List<string>();
        var ignored = new List<string>();
        void Ignore(string message)
        {
            ignored.Add(message);
            warn?.Invoke(message);
        }

        foreach (var candidate in Candidates(configured, Ignore))
        {
            foreach (var path in Expand(candidate))
            {
                tried.Add(path);
                if (File.Exists(path))
                {
                    return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? (DotnetHost(), [path]) : (path, []);
                }
            }
        }

        throw new WebsocketProxyException(
            $"The {ExecutableName} executable was not found. Tried:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", tried)}{Environment.NewLine}" +
            $"Install it as a tool (dotnet tool install --global WebsocketProxy.Server, or as a local tool and restore it), set " +
            $"WebsocketProxyClientOptions.ProxyPath or the {PathVariable} environment variable, or install it next to the application." +
            string.Concat(ignored.Select(message => Environment.NewLine + message)));
    }

    public static void Start(WebsocketProxyClientOptions options)
    {
        void Warn(string message)
        {
            LogIgnoredManifest(options.Logger ?? NullLogger.Instance, message);
            options.Callback?.OnLog(LogLevel.Warning, message);
        }

        var (program, prefix) = Locate(options.ProxyPath, Warn);
        var start = CreateStartInfo(program, prefix, options);
        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new WebsocketProxyException($"Starting the proxy ({program} {string.Join(' ', start.ArgumentList)}) failed: {ex.Message}", ex);
        }

        var process = started ?? throw new WebsocketProxyException($"Starting {program} failed.");
        process.StandardInput.Close();
        process.StandardOutput.Close();
        process.StandardError.Close();

        // Kept so the starting client can tell a proxy that is slow to start from one that has already exited.
        ForgetLastSpawn(options.Instance);
        Spawned[options.Instance] = process;
    }

    /// <summary>How the proxy is started: its program, arguments, environment and console.</summary>
    internal static ProcessStartInfo CreateStartInfo(string program, string[] prefix, WebsocketProxyClientOptions options)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,

            // Redirected and closed at once: the proxy must not hold the starter's console or pipes open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),

            // Windows: a console of its own that has no window. Console events of the starter's console (Ctrl-C,
            // Ctrl-Break, closing it) then never reach the proxy, which is what --detach (setsid) does elsewhere, and no
            // window appears for a proxy started by a GUI or service. Ignored on other systems.
            CreateNoWindow = true,
        };
        ScrubEnvironment(start.Environment);
        foreach (var argument in prefix)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("run");
        start.ArgumentList.Add("--instance");
        start.ArgumentList.Add(options.Instance);
        start.ArgumentList.Add("--grace-period");
        start.ArgumentList.Add(options.ProxyGracePeriod.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--log-level");
        start.ArgumentList.Add(options.ProxyLogLevel.ToString());
        start.ArgumentList.Add("--quiet");

        // Explicitly, not through the environment: the client's option may differ from its environment, and a proxy on
        // another back-end than its clients would never meet them.
        start.ArgumentList.Add("--ipc-backend");
        start.ArgumentList.Add(IpcBackendSelection.NameOf(options.Backend));

        // Out of this process's session (Unix; on Windows the console of its own above does it): a Ctrl-C meant for
        // this application must not stop the shared proxy.
        start.ArgumentList.Add("--detach");
        if (options.ProxyLogFile is not null)
        {
            start.ArgumentList.Add("--log-file");
            start.ArgumentList.Add(options.ProxyLogFile);
        }

        return start;
    }

    /// <summary>Forgets the proxy this process last started for <paramref name="instance"/>, before it may start another.</summary>
    public static void ForgetLastSpawn(string instance)
    {
        if (Spawned.TryRemove(instance, out var previous))
        {
            previous.Dispose();
        }
    }

    /// <summary>
    /// Whether this process has started a proxy for <paramref name="instance"/> since <see cref="ForgetLastSpawn"/>,
    /// and if it has exited, its exit code (<see langword="null"/> while it runs).
    /// </summary>
    public static bool TryGetLastSpawn(string instance, out int? exitCode)
    {
        exitCode = null;
        if (!Spawned.TryGetValue(instance, out var process))
        {
            return false;
        }

        try
        {
            exitCode = process.HasExited ? process.ExitCode : null;
        }
        catch (InvalidOperationException)
        {
            // Disposed by a newer spawn in the meantime: that one is the proxy being watched.
        }

        return true;
    }

    private static IEnumerable<string> Candidates(string? configured, Action<string>? warn)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            yield return configured;
            yield break;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            yield return fromEnvironment;
        }

        yield return AppContext.BaseDirectory;
        yield return Path.Combine(AppContext.BaseDirectory, ExecutableName);

        // A local tool pinned by a manifest above the working directory wins over a global one, as with `dotnet tool run`.
        foreach (var localTool in LocalToolManifest.Find(Environment.CurrentDirectory, ExecutableName, LocalToolManifest.PackagesFolder(), warn))
        {
            yield return localTool;
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return Path.Combine(directory, ExecutableName);
        }
    }

    private static IEnumerable<string> Expand(string candidate)
    {
        if (Directory.Exists(candidate))
        {
            yield return Path.Combine(candidate, ExecutableName);
            yield return Path.Combine(candidate, ExecutableName + ".dll");
        }
        else
        {
            yield return Path.GetFullPath(candidate);
        }
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        // An application started by its own launcher may have no dotnet on PATH: use the installation it runs on
        // (DOTNET_ROOT, or the root three levels above the running runtime: <root>/shared/Microsoft.NETCore.App/<version>/).
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        }

        var installed = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(installed) ? installed : "dotnet";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Message}")]
    private static partial void LogIgnoredManifest(ILogger logger, string message);
}

using System.Diagnostics;
using System.Globalization;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// A Linux user made for one test (<c>wsp-test-&lt;random&gt;</c>, no home, no login shell) and removed on dispose, to
/// play another user of the machine: a squatter, or a victim that file modes can block (root cannot be blocked).
/// </summary>
internal sealed class ThrowawayUser : IDisposable
{
    private ThrowawayUser(string name, int id)
    {
        Name = name;
        Id = id;
    }

    /// <summary>Why tests that need other users cannot run here, or null when they can.</summary>
    public static string? Unavailable =>
        !OperatingSystem.IsLinux() ? "needs Linux"
        : Environment.UserName != "root" ? "needs root, to add throwaway users"
        : !File.Exists("/usr/sbin/useradd") || !File.Exists("/usr/sbin/runuser") ? "needs useradd and runuser"
        : null;

    public string Name { get; }

    public int Id { get; }

    public static ThrowawayUser Create()
    {
        var name = "wsp-test-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
        var (code, _, error) = Run("/usr/sbin/useradd", "-M", "-s", "/usr/sbin/nologin", name);
        if (code != 0)
        {
            throw new InvalidOperationException($"useradd {name} failed ({code}): {error}");
        }

        var (_, id, _) = Run("/usr/bin/id", "-u", name);
        return new ThrowawayUser(name, int.Parse(id.Trim(), CultureInfo.InvariantCulture));
    }

    /// <summary>Runs <paramref name="command"/> as this user (runuser), bounded by <paramref name="timeout"/>.</summary>
    public (int ExitCode, string Output, string Error, TimeSpan Elapsed) RunAs(TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] command)
    {
        var stopwatch = Stopwatch.StartNew();
        var (code, output, error) = RunBounded(timeout, environment, ["/usr/sbin/runuser", "-u", Name, "--", .. command]);
        return (code, output, error, stopwatch.Elapsed);
    }

    public void Dispose() => Run("/usr/sbin/userdel", Name);

    private static (int ExitCode, string Output, string Error) Run(params string[] command) => RunBounded(TimeSpan.FromSeconds(30), null, command);

    private static (int ExitCode, string Output, string Error) RunBounded(TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, string[] command)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', command)}' did not finish within {timeout}.");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}

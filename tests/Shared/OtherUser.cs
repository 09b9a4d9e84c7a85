using System.Diagnostics;
using System.Security.Cryptography;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// A throwaway second Linux user (<c>wsp-test-&lt;random&gt;</c>) for tests of what another user of the machine can do:
/// created with useradd, removed with <c>userdel -r</c> on dispose. Needs root; tests that use it are
/// <see cref="OtherUserFactAttribute"/>s (or <c>OtherUserTheoryAttribute</c>s), skipped with the reason where that is not possible.
/// </summary>
internal sealed class OtherUser : IDisposable
{
    private static readonly Lock Gate = new();

    private OtherUser(string name, int uid, int gid)
    {
        Name = name;
        Uid = uid;
        Gid = gid;
    }

    public string Name { get; }

    public int Uid { get; }

    /// <summary>Its own group (useradd makes one named after it).</summary>
    public int Gid { get; }

    /// <summary>Why a second user cannot be made here, or null when it can.</summary>
    public static string? Unavailable =>
        !OperatingSystem.IsLinux() ? "needs Linux"
        : Environment.UserName != "root" ? "needs root (useradd) to create a second user"
        : !File.Exists("/usr/sbin/useradd") || !File.Exists("/usr/sbin/runuser") ? "needs useradd and runuser"
        : null;

    public static OtherUser Create()
    {
        var name = "wsp-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        Run("useradd", "--create-home", "--shell", "/usr/sbin/nologin", name);
        return new OtherUser(
            name,
            int.Parse(Run("id", "-u", name).Trim(), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Run("id", "-g", name).Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Gives <paramref name="path"/> (and everything under it) to this user.</summary>
    public void Own(string path) => Run("chown", "-R", $"{Name}:{Name}", path);

    /// <summary>Gives <paramref name="path"/> this user's group, keeping its owner: a group both users are in.</summary>
    public void ShareGroup(string path) => Run("chgrp", Name, path);

    /// <summary>Runs <paramref name="command"/> as this user (runuser), bounded by <paramref name="timeout"/>; a non-zero exit is returned, not thrown.</summary>
    public (int ExitCode, string Output, string Error, TimeSpan Elapsed) RunAs(TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] command)
    {
        var started = Stopwatch.GetTimestamp();
        var (code, output, error) = Execute("/usr/sbin/runuser", ["-u", Name, "--", .. command], timeout, environment);
        return (code, output, error, Stopwatch.GetElapsedTime(started));
    }

    public void Dispose() => Run("userdel", "-r", Name);

    private static string Run(string program, params string[] arguments)
    {
        // useradd and userdel lock /etc/passwd; tests in this process take turns, and a lock held by another test
        // process (test projects run in parallel) is waited out: shadow-utils says "try again later".
        lock (Gate)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return RunOnce(program, arguments);
                }
                catch (InvalidOperationException ex) when (attempt < 50 && ex.Message.Contains("try again later", StringComparison.Ordinal))
                {
                    Thread.Sleep(200);
                }
            }
        }
    }

    private static string RunOnce(string program, string[] arguments)
    {
        var (code, output, errors) = Execute(program, arguments, TimeSpan.FromSeconds(30), null);

        // userdel -r exits 12 when the mail spool it also tries to remove does not exist; the user is gone all the same.
        if (code != 0 && !(program == "userdel" && code == 12))
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({code}): {errors}");
        }

        return output;
    }

    private static (int ExitCode, string Output, string Error) Execute(string program, string[] arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return (process.ExitCode, output.Result, errors.Result);
    }
}

using System.Diagnostics;
using System.Text;

namespace WebsocketProxy.Packaging.Tests;

/// <summary>
/// Runs a program the way a user's shell would: no MSBuild or test-host variables inherited from `dotnet test`,
/// no build servers left behind, output captured, and a deadline that fails the test with everything it printed.
/// </summary>
internal static class DotnetCommand
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public static string Dotnet { get; } = FindDotnet();

    /// <summary>The dotnet host's own file (the PATH entry may be a symbolic link to it).</summary>
    public static string DotnetExecutable => new FileInfo(Dotnet).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(Dotnet);

    public static Task<string> RunDotnetAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(Dotnet, workingDirectory, null, DefaultTimeout, arguments);

    public static async Task<string> RunAsync(string program, string workingDirectory, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Clean(start.Environment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        var command = $"{program} {string.Join(' ', arguments)}";
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {timeout}:{Environment.NewLine}{Snapshot(output)}");
        }

        await Task.WhenAll(stdout, stderr);
        var text = Snapshot(output);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{command}` exited with {process.ExitCode}:{Environment.NewLine}{text}");
        }

        return text;
    }

    /// <summary>Removes what `dotnet test` puts in the environment and a fresh shell would not have.</summary>
    public static void Clean(IDictionary<string, string?> environment)
    {
        foreach (var name in environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
                // NUGET_PACKAGES would beat the tests' own packages folder (their NuGet.config's globalPackagesFolder)
                // and fill the machine's cache with packages of this build.
                || name is "WEBSOCKET_PROXY_PATH" or "DOTNET_HOST_PATH" or "DOTNET_STARTUP_HOOKS" or "NUGET_PACKAGES")
            {
                environment.Remove(name);
            }
        }

        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        environment["UseSharedCompilation"] = "false";
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string FindDotnet()
    {
        // `dotnet test` names the host that runs it; otherwise the test host itself may be dotnet.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}

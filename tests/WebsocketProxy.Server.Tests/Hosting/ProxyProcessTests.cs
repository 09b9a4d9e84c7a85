using System.Diagnostics;
using System.Reflection;
using System.Runtime.Versioning;
using WebsocketProxy.Client;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Server.Tests.Hosting;

/// <summary>The websocket-proxy executable as a real process: verbs, single instance, log file.</summary>
public sealed class ProxyProcessTests
{
    private static string ProxyDll => typeof(ProxyProcessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!;

    [Fact]
    public async Task Run_SecondInstanceOfSameName_ExitsWithAlreadyRunning_StatusListsClients()
    {
        var instance = "s" + Guid.NewGuid().ToString("N")[..12];
        var logFile = Path.Combine(Path.GetTempPath(), $"wsproxy-test-{instance}.log");
        using var first = Start("run", "--instance", instance, "--grace-period", "10", "--quiet", "--log-file", logFile);
        try
        {
            await WaitUntilAsync(() => Lease.IsHeld(ProxyNames.InstanceLease(instance)));
            var options = WebsocketProxyClientOptions.Default with { Name = "status-probe", Instance = instance, StartProxy = false };
            var client = await WebsocketProxyClient.ConnectAsync(options);
            await using (client)
            {
                Assert.Equal(first.Id, client.ServerId);

                using var second = Start("run", "--instance", instance, "--quiet");
                Assert.Equal(3, await ExitCodeAsync(second));

                using var status = Start("status", "--instance", instance);
                var output = await status.StandardOutput.ReadToEndAsync();
                Assert.Equal(0, await ExitCodeAsync(status));
                Assert.Contains("status-probe", output, StringComparison.Ordinal);
                Assert.Contains("clients (", output, StringComparison.Ordinal);
                Assert.Contains("connections (0)", output, StringComparison.Ordinal);
            }

            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(logFile));
            }

            Assert.Contains("status-probe", await File.ReadAllTextAsync(logFile), StringComparison.Ordinal);

            // The last client left: the proxy exits by itself after the grace period.
            Assert.Equal(0, await ExitCodeAsync(first));
        }
        finally
        {
            if (!first.HasExited)
            {
                first.Kill();
            }

            InstanceFiles.RemoveWhenIdle(instance);
        }

        Assert.False(Lease.IsHeld(ProxyNames.InstanceLease(instance)));
    }

    [NativeRowsTheory]
    [BackendData(IpcBackend.Native, IpcBackend.Portable)]
    [BackendData(IpcBackend.Portable, IpcBackend.Native)]
    public async Task Run_InstanceRunningOnTheOtherBackend_ExitsWithAlreadyRunningNamingBoth(IpcBackend running, IpcBackend asked)
    {
        var instance = "s" + Guid.NewGuid().ToString("N")[..12];
        using var first = Start("run", "--instance", instance, "--grace-period", "30", "--quiet", "--ipc-backend", IpcBackendSelection.NameOf(running));
        try
        {
            await WaitUntilAsync(() => Lease.IsHeld(ProxyNames.InstanceLease(instance, running)));

            using var second = Start("run", "--instance", instance, "--ipc-backend", IpcBackendSelection.NameOf(asked));
            var output = await second.StandardOutput.ReadToEndAsync();

            Assert.Equal(3, await ExitCodeAsync(second));
            Assert.Contains($"already runs on the {IpcBackendSelection.NameOf(running)} IPC back-end", output, StringComparison.Ordinal);
            Assert.False(Lease.IsHeld(ProxyNames.InstanceLease(instance, asked)));
        }
        finally
        {
            first.Kill();
            await first.WaitForExitAsync();
            InstanceFiles.Remove(instance, running);
            InstanceFiles.Remove(instance, asked);
        }
    }

    [Fact]
    public async Task Run_UnknownIpcBackend_ClearErrorAndExitCode2()
    {
        var instance = "s" + Guid.NewGuid().ToString("N")[..12];
        using var run = Start("run", "--instance", instance, "--ipc-backend", "shm", "--quiet");
        var error = await run.StandardError.ReadToEndAsync();

        Assert.Equal(2, await ExitCodeAsync(run));
        Assert.Contains("Unknown IPC back-end 'shm'", error, StringComparison.Ordinal);
        Assert.False(Lease.IsHeld(ProxyNames.InstanceLease(instance)));
    }

    [Fact]
    public async Task Run_InvalidRingSize_ClearErrorAndExitCode2()
    {
        var instance = "s" + Guid.NewGuid().ToString("N")[..12];
        using var run = Start("run", "--instance", instance, "--ring-size", "1000", "--quiet");
        var error = await run.StandardError.ReadToEndAsync();
        InstanceFiles.RemoveWhenIdle(instance);

        Assert.Equal(2, await ExitCodeAsync(run));
        Assert.Contains("websocket-proxy:", error, StringComparison.Ordinal);
    }

    [PlatformFact(TestPlatforms.Unix, "creating symbolic links needs privileges on Windows")]
    [UnsupportedOSPlatform("windows")]
    public async Task Run_LogFileIsASymbolicLink_ClearErrorAndExitCode2()
    {
        var folder = Directory.CreateTempSubdirectory("wsp-log-");
        try
        {
            var target = Path.Combine(folder.FullName, "elsewhere");
            var link = Path.Combine(folder.FullName, "proxy.log");
            File.CreateSymbolicLink(link, target);
            using var run = Start("run", "--instance", "s" + Guid.NewGuid().ToString("N")[..12], "--quiet", "--log-file", link);
            var error = await run.StandardError.ReadToEndAsync();

            Assert.Equal(2, await ExitCodeAsync(run));
            Assert.Contains($"websocket-proxy: The log file '{link}' is a symbolic link", error, StringComparison.Ordinal);
            Assert.False(File.Exists(target));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Status_NoProxyRunning_ClearErrorAndNonZeroExit()
    {
        var instance = "s" + Guid.NewGuid().ToString("N")[..12];
        using var status = Start("status", "--instance", instance);
        var error = await status.StandardError.ReadToEndAsync();
        InstanceFiles.RemoveWhenIdle(instance);

        Assert.Equal(1, await ExitCodeAsync(status));
        Assert.Contains("No proxy", error, StringComparison.Ordinal);
    }

    [PlatformFact(TestPlatforms.Linux, "reads the session in /proc")]
    [SupportedOSPlatform("linux")]
    public async Task Run_Detach_LeadsASessionAndProcessGroupOfItsOwn()
    {
        var instance = "s" + Guid.NewGuid().ToString("N")[..12];
        using var run = Start("run", "--instance", instance, "--grace-period", "5", "--quiet", "--detach");
        try
        {
            await WaitUntilAsync(() => Lease.IsHeld(ProxyNames.InstanceLease(instance)));

            // /proc/<pid>/stat after the command name: state, ppid, process group, session.
            var stat = ProcFs.ReadText(run.Id, "stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            Assert.Equal(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[2]);
            Assert.Equal(run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[3]);

            // Nobody connected: it leaves after its grace period.
            Assert.Equal(0, await ExitCodeAsync(run));
        }
        finally
        {
            if (!run.HasExited)
            {
                run.Kill();
            }

            InstanceFiles.RemoveWhenIdle(instance);
        }
    }

    [PlatformFact(TestPlatforms.Linux, "setsid(1)")]
    [SupportedOSPlatform("linux")]
    public async Task Run_DetachImpossible_RunsAnywayAndLogsWhy()
    {
        if (!File.Exists("/usr/bin/setsid"))
        {
            return;
        }

        // Started as the leader of a session of its own already, the proxy cannot call setsid(2) again.
        var instance = "s" + Guid.NewGuid().ToString("N")[..12];
        var log = Path.Combine(Path.GetTempPath(), $"wsproxy-test-{instance}.log");
        var start = new ProcessStartInfo("/usr/bin/setsid") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["dotnet", ProxyDll, "run", "--instance", instance, "--grace-period", "5", "--quiet", "--detach", "--log-file", log])
        {
            start.ArgumentList.Add(argument);
        }

        using var run = Process.Start(start)!;
        try
        {
            await WaitUntilAsync(() => Lease.IsHeld(ProxyNames.InstanceLease(instance)));

            Assert.Contains("setsid failed", await File.ReadAllTextAsync(log), StringComparison.Ordinal);
            Assert.Equal(0, await ExitCodeAsync(run));
        }
        finally
        {
            if (!run.HasExited)
            {
                run.Kill();
            }

            InstanceFiles.RemoveWhenIdle(instance);

            File.Delete(log);
        }
    }

    /// <summary>Waits for a state (the proxy holding its lease), failing loudly after a bound.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), "The proxy did not take its instance lease within 20 s.");
            await Task.Delay(20);
        }
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ProxyDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task<int> ExitCodeAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }
}

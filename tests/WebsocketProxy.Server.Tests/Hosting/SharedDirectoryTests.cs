using System.Diagnostics;
using System.Reflection;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Server.Tests.Hosting;

/// <summary>
/// Where a user's proxy and clients meet: one directory per uid, whatever the environment, that another user cannot
/// take over. The squatting tests run the victim as a throwaway user too, since root is never blocked by file modes.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SharedDirectoryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static string ProxyDll => typeof(SharedDirectoryTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProxyPath").Value!;

    [OtherUserTheory(NativeBackendOnly = "the squatted root is the native one under /dev/shm")]
    [InlineData("directory")]
    [InlineData("private directory")]
    [InlineData("symbolic link")]
    [InlineData("file")]
    public void RunAndStatus_RootTakenByAnotherUser_FailAtOnceNamingPathAndOwner(string squat)
    {
        using var victim = OtherUser.Create();
        using var squatter = OtherUser.Create();
        var root = Path.GetDirectoryName(IpcPaths.ForUser("x", victim.Uid))!;
        var decoy = Path.Combine("/dev/shm", "wsp-test-decoy-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string[] plant = squat switch
            {
                "directory" => ["mkdir", "-m", "0777", root],
                "private directory" => ["mkdir", "-m", "0700", root],
                "symbolic link" => ["sh", "-c", $"mkdir -m 0777 {decoy} && ln -s {decoy} {root}"],
                _ => ["touch", root],
            };
            Assert.Equal(0, squatter.RunAs(Bound, null, plant).ExitCode);

            var instance = "s" + Guid.NewGuid().ToString("N")[..12];
            var run = victim.RunAs(Bound, null, "dotnet", ProxyDll, "run", "--instance", instance, "--quiet");
            var status = victim.RunAs(Bound, null, "dotnet", ProxyDll, "status", "--instance", instance);

            // The proxy refuses to start (exit code 4); the client's ConnectAsync throws at once instead of waiting.
            Assert.True(run.ExitCode == 4, $"run exited with {run.ExitCode}: {run.Output}{run.Error}");
            Assert.Contains($"'{root}'", run.Error, StringComparison.Ordinal);
            Assert.Contains(squatter.Name, run.Error, StringComparison.Ordinal);
            Assert.True(status.ExitCode == 1, $"status exited with {status.ExitCode}: {status.Output}{status.Error}");
            Assert.Contains($"'{root}'", status.Error, StringComparison.Ordinal);
            Assert.Contains(squatter.Name, status.Error, StringComparison.Ordinal);
            Assert.True(run.Elapsed < TimeSpan.FromSeconds(20) && status.Elapsed < TimeSpan.FromSeconds(20), $"run took {run.Elapsed}, status {status.Elapsed} to fail.");
            if (squat == "symbolic link")
            {
                Assert.Empty(Directory.EnumerateFileSystemEntries(decoy));
            }
        }
        finally
        {
            Remove(root);
            Remove(decoy);
        }
    }

    [OtherUserFact(NativeBackendOnly = "it checks the native root under /dev/shm")]
    public void RunAndStatus_OwnRootOfAnotherUser_Work()
    {
        // The same programs, as the same throwaway user, with nothing squatted: the failures above are about the squat.
        using var user = OtherUser.Create();
        var root = Path.GetDirectoryName(IpcPaths.ForUser("x", user.Uid))!;
        try
        {
            var status = user.RunAs(Bound, null, "dotnet", ProxyDll, "status", "--instance", "s" + Guid.NewGuid().ToString("N")[..12]);

            Assert.True(status.ExitCode == 1, $"status exited with {status.ExitCode}: {status.Output}{status.Error}");
            Assert.Contains("No proxy", status.Error, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(root));
        }
        finally
        {
            Remove(root);
        }
    }

    [PlatformFact(TestPlatforms.Linux, "XDG_RUNTIME_DIR and the native root under /dev/shm")]
    public async Task Status_OtherXdgRuntimeDir_FindsTheProxyStartedWithoutIt()
    {
        // A cron job has no XDG_RUNTIME_DIR, a login shell has one: both must reach the same proxy.
        var instance = "s" + Guid.NewGuid().ToString("N")[..12];
        var runtime = Directory.CreateTempSubdirectory("wsp-test-xdg-").FullName;
        using var proxy = Start(new Dictionary<string, string?> { ["XDG_RUNTIME_DIR"] = null }, "run", "--instance", instance, "--grace-period", "2", "--quiet");
        try
        {
            var stopwatch = Stopwatch.StartNew();
            while (!Lease.IsHeld(ProxyNames.InstanceLease(instance)))
            {
                Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), "The proxy did not take its instance lease within 30 s.");
                await Task.Delay(20);
            }

            using var status = Start(new Dictionary<string, string?> { ["XDG_RUNTIME_DIR"] = runtime }, "status", "--instance", instance);
            var output = await status.StandardOutput.ReadToEndAsync();
            var error = await status.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Bound);
            await status.WaitForExitAsync(timeout.Token);

            Assert.True(status.ExitCode == 0, $"status exited with {status.ExitCode}: {output}{error}");
            Assert.Contains($"proxy {instance}: pid {proxy.Id}", output, StringComparison.Ordinal);
            Assert.Empty(Directory.EnumerateFileSystemEntries(runtime));
        }
        finally
        {
            if (!proxy.HasExited)
            {
                proxy.Kill();
            }

            await proxy.WaitForExitAsync();
            Directory.Delete(runtime, recursive: true);
            InstanceFiles.Remove(instance);
        }
    }

    private static Process Start(Dictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ProxyDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    private static void Remove(string path)
    {
        var entry = new FileInfo(path);
        if (entry.LinkTarget is not null || File.Exists(path))
        {
            File.Delete(path);
        }
        else if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}

using System.Diagnostics;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Client.Tests;

/// <summary>
/// Another user of the machine plants a local tool manifest above the folder a strategy runs in: the client must
/// not start what it names. A real client process, a real second user, a real planted program.
/// </summary>
public sealed class LocalToolSecurityTests
{
    [OtherUserFact]
    public async Task Connect_ManifestPlantedByAnotherUser_NeverStartsThePlantedProgram()
    {
        using var other = OtherUser.Create();
        var planted = Directory.CreateTempSubdirectory("wsp-planted-").FullName;
        var mine = Directory.CreateTempSubdirectory("wsp-victim-").FullName;
        var instance = "t" + Guid.NewGuid().ToString("N")[..12];

        // The planted program is a real proxy: if started, it writes the log file the client asks for (the marker)
        // and takes the instance lease.
        var marker = Path.Combine(mine, "planted-program-ran.log");
        var program = Path.Combine(planted, "evil", "1.0.0", "tools", "net10.0", "any");
        CopyDirectory(Path.GetDirectoryName(TestClientProcess.PathOf("ProxyPath"))!, program);
        await File.WriteAllTextAsync(Path.Combine(planted, "dotnet-tools.json"),
            $$"""{ "version": 1, "isRoot": true, "tools": { {{System.Text.Json.JsonSerializer.Serialize(Path.Combine(planted, "evil"))}}: { "version": "1.0.0", "commands": ["websocket-proxy"] } } }""");
        var strategy = Directory.CreateDirectory(Path.Combine(planted, "project", "strategy")).FullName;
        other.Own(planted);
        try
        {
            // The client's own folder has no websocket-proxy next to it and none is configured: the manifest is what it would follow.
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = strategy,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment.Remove("WEBSOCKET_PROXY_PATH");
            foreach (var argument in (string[])[TestClientProcess.PathOf("TestClientPath"), "--instance", instance, "--name", "victim", "--log", marker])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            var said = await output + await errors;
            Assert.True(process.ExitCode != 0, $"The client connected to something:{Environment.NewLine}{said}");
            Assert.Contains("Ignoring the local tool manifest " + Path.Combine(planted, "dotnet-tools.json"), said, StringComparison.Ordinal);
            Assert.Contains($"belongs to another user (uid {other.Uid})", said, StringComparison.Ordinal);
            Assert.False(File.Exists(marker), "The planted program ran.");
            Assert.False(Lease.IsHeld(ProxyNames.InstanceLease(instance)), "The planted program ran and holds the instance lease.");
        }
        finally
        {
            Directory.Delete(planted, recursive: true);
            Directory.Delete(mine, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

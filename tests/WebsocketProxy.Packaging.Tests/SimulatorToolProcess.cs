using System.Diagnostics;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Packaging.Tests;

/// <summary>The installed alpaca-simulator tool, running on a free loopback port until disposed.</summary>
internal sealed class SimulatorToolProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;

    private SimulatorToolProcess(Process process, Uri cryptoUrl, string keyId, string secret)
    {
        _process = process;
        CryptoUrl = cryptoUrl;
        KeyId = keyId;
        Secret = secret;
    }

    public Uri CryptoUrl { get; }

    public string KeyId { get; }

    public string Secret { get; }

    /// <summary>Starts the tool and reads what it prints until it says it is ready.</summary>
    public static async Task<SimulatorToolProcess> StartAsync(string executable)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--port", "0", "--trades-per-second", "40"])
        {
            start.ArgumentList.Add(argument);
        }

        DotnetCommand.Clean(start.Environment);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = new ProcessOutput(process, "alpaca-simulator");
        try
        {
            // The key pair and the feed URLs come before this line.
            await output.WaitForLineAsync(line => line.StartsWith("Press Ctrl-C", StringComparison.Ordinal), StartTimeout);
            var lines = output.Output;
            var crypto = lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Single(p => p is ["Crypto", _])[1];
            return new SimulatorToolProcess(process, new Uri(crypto), Value(lines, "APCA-API-KEY-ID="), Value(lines, "APCA-API-SECRET-KEY="));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(deadline.Token);
        _process.Dispose();
    }

    private static string Value(IReadOnlyList<string> lines, string prefix) => lines.Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
}

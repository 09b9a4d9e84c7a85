using System.Diagnostics;
using System.Runtime.Versioning;
using System.Threading.Channels;
using WebsocketProxy.Ipc.Platform.Linux;

namespace WebsocketProxy.Ipc.Tests.Support;

/// <summary>A child process running this test assembly in a peer role, with line-based stdout and bounded waits.</summary>
internal sealed class PeerProcess : IDisposable
{
    private const int SigCont = 18;
    private const int SigStop = 19;
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private PeerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public static PeerProcess Start(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
            : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
            : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(PeerProcess).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start a peer process");
        return new PeerProcess(process);
    }

    /// <summary>Waits for the next stdout line that starts with <paramref name="prefix"/>; fails loudly on timeout or exit.</summary>
    public async Task<string> ExpectAsync(string prefix, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(cancellation.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }

                if (line.StartsWith("error", StringComparison.Ordinal) || line.StartsWith("timeout", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"peer {Id} reported '{line}' while we waited for '{prefix}'");
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"peer {Id} did not print '{prefix}' in time");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"peer {Id} exited before printing '{prefix}'");
        }
    }

    public void Send(string line) => _process.StandardInput.WriteLine(line);

    /// <summary>SIGSTOP (Linux numbering).</summary>
    [SupportedOSPlatform("linux")]
    public void Stop() => Signal(SigStop);

    [SupportedOSPlatform("linux")]
    public void Continue() => Signal(SigCont);

    public void KillHard() => _process.Kill();

    public async Task WaitForExitAsync()
    {
        using var cancellation = new CancellationTokenSource(DefaultTimeout);
        await _process.WaitForExitAsync(cancellation.Token);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // The peer may exit (and be reaped) between HasExited and here: a failed SIGCONT then means there is
            // nothing left to resume, and Kill ignores a process that is gone.
            if (OperatingSystem.IsLinux())
            {
                _ = LibC.Kill(_process.Id, SigCont);
            }

            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    [SupportedOSPlatform("linux")]
    private void Signal(int signal)
    {
        if (LibC.Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed");
        }
    }
}

using System.Diagnostics;
using System.Reflection;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// A real child process running tests/WebsocketProxy.TestClient: commands go in on stdin, one line each, and
/// every reply or frame comes back as one stdout line, so tests synchronise on lines, never on sleeps.
/// </summary>
public sealed class TestClientProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;

    private TestClientProcess(Process process)
    {
        _process = process;
        _output = new ProcessOutput(process, $"Test client {process.Id}");
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line seen so far (for failure messages).</summary>
    public IReadOnlyList<string> Seen => _output.Output;

    /// <param name="instance"></param>

    /// <param name="name"></param>
    /// <param name="logFile"></param>
    /// <param name="graceSeconds"></param>    /// <param name="backend">The IPC back-end, through the environment variable the client reads; the environment's when null.</param>
    public static TestClientProcess Start(string instance, string name, string? logFile = null, double graceSeconds = 2, WebsocketProxy.Ipc.IpcBackend? backend = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(PathOf("TestClientPath"));
        foreach (var argument in new[] { "--instance", instance, "--name", name, "--proxy", PathOf("ProxyPath"), "--grace", graceSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        if (backend is { } chosen)
        {
            start.Environment[WebsocketProxy.Ipc.IpcBackendSelection.EnvironmentVariable] = WebsocketProxy.Ipc.IpcBackendSelection.NameOf(chosen);
        }

        if (logFile is not null)
        {
            start.ArgumentList.Add("--log");
            start.ArgumentList.Add(logFile);
        }

        return new TestClientProcess(Process.Start(start)!);
    }

    /// <summary>A path the test project's build recorded in an assembly attribute.</summary>
    public static string PathOf(string key) =>
        typeof(TestClientProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Sends a command and waits for the line that answers it.</summary>
    public async Task<string> RequestAsync(string line, string answerPrefix, TimeSpan? timeout = null)
    {
        await SendAsync(line);
        var answer = await WaitForLineAsync(l => l.StartsWith(answerPrefix, StringComparison.Ordinal) || l.StartsWith("fail ", StringComparison.Ordinal), timeout);
        return answer.StartsWith("fail ", StringComparison.Ordinal) && !answerPrefix.StartsWith("fail", StringComparison.Ordinal)
            ? throw new InvalidOperationException($"'{line}' failed: {answer}")
            : answer;
    }

    public Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan? timeout = null) =>
        _output.WaitForLineAsync(predicate, timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>Asks the client to leave (disposing its WebsocketProxyClient) and returns its exit code.</summary>
    public async Task<int> ExitAsync()
    {
        await SendAsync("exit");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Kill() => _process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await SendAsync("exit");
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                Kill();
            }
        }

        _process.Dispose();
    }
}

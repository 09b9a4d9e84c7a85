using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Sdk;

/// <summary>
/// A Node.js process running js/stream.js: the official Alpaca JavaScript SDK, unchanged, pointed at a stream URL by
/// the SDK's own <c>url</c> option, with the credentials in <c>APCA_API_KEY_ID</c>/<c>APCA_API_SECRET_KEY</c> as a
/// user would set them. It prints one JSON line per event; tests wait on those lines, never on time.
/// </summary>
internal sealed class SdkProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly ProcessOutput _output;
    private readonly List<SdkEvent> _events = [];
    private readonly Lock _eventsLock = new();
    private int _disposed;

    private readonly Func<string> _world;

    private SdkProcess(string name, Process process, IReadOnlyDictionary<string, string[]> subscriptions, Func<string> world)
    {
        _world = world;
        Name = name;
        _process = process;
        Subscriptions = subscriptions;
        _output = new ProcessOutput(process, $"SDK process '{name}' (pid {process.Id})");
    }

    /// <summary>How failure messages name it.</summary>
    public string Name { get; }

    /// <summary>What it subscribed to at start: channel (<c>trades</c>, <c>bars</c> ...) to symbols.</summary>
    public IReadOnlyDictionary<string, string[]> Subscriptions { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Every event it printed so far, in order.</summary>
    public IReadOnlyList<SdkEvent> Events
    {
        get
        {
            var lines = _output.Output;
            lock (_eventsLock)
            {
                for (var i = _events.Count; i < lines.Count; i++)
                {
                    _events.Add(SdkEvent.Parse(i, lines[i]));
                }

                return [.. _events];
            }
        }
    }

    /// <summary>The folder of js/stream.js and its node_modules, as the build installed them.</summary>
    public static string ScriptDirectory { get; } =
        typeof(SdkProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AlpacaJsSdkDirectory").Value!;

    /// <summary>
    /// Starts <c>node stream.js</c>: <paramref name="kind"/> is <c>stocks</c>, <c>crypto</c>, <c>news</c> or
    /// <c>options</c>; <paramref name="subscriptions"/> are made once the SDK reports the stream authenticated;
    /// <paramref name="world"/> says what else a failure message should show (the simulator's connections, the gateway's log).
    /// </summary>
    public static SdkProcess Start(string name, string kind, Uri url, IReadOnlyDictionary<string, string[]> subscriptions, AlpacaKeyPair keys, Func<string> world)
    {
        if (!Directory.Exists(Path.Combine(ScriptDirectory, "node_modules", "@alpacahq", "alpaca-trade-api")))
        {
            throw new InvalidOperationException(
                $"The official Alpaca JavaScript SDK is not installed in {ScriptDirectory}node_modules: building the test project runs 'npm ci' there (js/NodeSdk.targets); build it again and read that step's output.");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ScriptDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("stream.js");
        start.ArgumentList.Add("--kind");
        start.ArgumentList.Add(kind);
        start.ArgumentList.Add("--url");
        start.ArgumentList.Add(url.ToString());
        foreach (var (channel, symbols) in subscriptions)
        {
            start.ArgumentList.Add("--" + channel);
            start.ArgumentList.Add(string.Join(',', symbols));
        }

        // The SDK reads these itself; an OAuth token in the test's own environment would take precedence over them.
        foreach (var variable in new[] { "APCA_API_OAUTH_TOKEN", "APCA_API_BASE_URL", "APCA_API_DATA_URL", "APCA_API_STREAM_URL" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["APCA_API_KEY_ID"] = keys.KeyId;
        start.Environment["APCA_API_SECRET_KEY"] = keys.Secret;
        try
        {
            return new SdkProcess(name, Process.Start(start)!, subscriptions, world);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("The gateway's SDK tests need Node.js 20 or later on PATH ('node' could not be started).", ex);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the events printed so far; fails loudly with them after 30 s or if the process ends first.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<SdkEvent>, bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultWait;
        var started = TimeProvider.System.GetTimestamp();
        while (!condition(Events))
        {
            var left = limit - TimeProvider.System.GetElapsedTime(started);
            try
            {
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException("no time left");
                }

                // Any new line: the condition is checked again over all of them.
                await _output.WaitForLineAsync(_ => true, left);
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
            {
                if (condition(Events))
                {
                    return;
                }

                throw new TimeoutException(
                    $"{Name} never got to: {what} (waited {limit}; {(_process.HasExited ? $"it exited with code {_process.ExitCode}" : "still running")}).{Describe()}{_world()}");
            }
        }
    }

    /// <summary>Waits for the first event matching <paramref name="predicate"/> at or after index <paramref name="from"/>.</summary>
    public async Task<SdkEvent> WaitForEventAsync(Func<SdkEvent, bool> predicate, string what, int from = 0, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(events => events.Skip(from).Any(predicate), what, timeout);
        return Events.Skip(from).First(predicate);
    }

    /// <summary>Sends a command to the script (subscribe, unsubscribe, exit) on its standard input.</summary>
    public async Task SendAsync(object command)
    {
        await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(command));
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Asks the SDK to disconnect (it closes with a close handshake) and waits for Node to end by itself.</summary>
    public async Task ExitAsync()
    {
        await SendAsync(new { action = "exit" });
        await WaitForExitAsync();
    }

    /// <summary>kill -9: the socket is closed by the kernel, with no close handshake.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await WaitForExitAsync();
    }

    public async Task WaitForExitAsync()
    {
        using var cts = new CancellationTokenSource(DefaultWait);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not end within {DefaultWait}.{Describe()}");
        }
    }

    /// <summary>Everything it printed (the last 60 lines of standard output and all of standard error), for failure messages.</summary>
    public string Describe()
    {
        var lines = _output.Output;
        return $"{Environment.NewLine}--- {Name}: {lines.Count} lines, the last ones:{Environment.NewLine}" +
            string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Count - 60))) +
            $"{Environment.NewLine}--- stderr:{Environment.NewLine}{string.Join(Environment.NewLine, _output.Errors)}";
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.Close();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using WebsocketProxy.Alpaca.Tests.Integration;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>
/// The upstream as a real process (<c>alpaca-simulator</c>) on a port of its own, so it can be killed with -9 and
/// started again on the same port, as a real service that crashes and comes back. It runs with
/// <c>--control-port 0</c>: faults are posted to its HTTP control interface, as an operator's script would.
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string[] _arguments;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private Process? _process;
    private ProcessOutput? _output;

    private SimulatorProcess(int port, string[] arguments)
    {
        Port = port;
        _arguments = arguments;
        BaseUri = new Uri($"ws://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public int Port { get; }

    public Uri BaseUri { get; }

    public AlpacaCredentials Credentials { get; private set; } = new("unknown", "unknown");

    /// <summary>Its control interface (<c>CONTROL=</c> of its output), such as <c>http://127.0.0.1:PORT/control</c>.</summary>
    public Uri? Control { get; private set; }

    /// <summary>Starts it on a free port with the given market arguments (<c>--time-scale 60</c>...).</summary>
    public static async Task<SimulatorProcess> StartAsync(params string[] arguments)
    {
        var simulator = new SimulatorProcess(FreePort(), arguments);
        await simulator.RestartAsync();
        return simulator;
    }

    /// <summary>kill -9, then waits for the exit so the port is free.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The simulator is not running.");
        process.Kill(entireProcessTree: false);
        using var cts = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(cts.Token);
    }

    /// <summary>Starts it (again) on <see cref="Port"/>; returns once it listens.</summary>
    public async Task RestartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The simulator is still running.");
        }

        _process?.Dispose();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(StrategyProcess.PathOf("SimulatorPath"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(Port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--control-port");
        start.ArgumentList.Add("0");
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start alpaca-simulator.");
        _output = new ProcessOutput(_process, $"alpaca-simulator {_process.Id}");
        await _output.WaitForLineAsync(line => line.StartsWith("Press Ctrl-C", StringComparison.Ordinal), StartTimeout);
        var lines = _output.Output;
        Credentials = new AlpacaCredentials(Value(lines, "APCA-API-KEY-ID="), Value(lines, "APCA-API-SECRET-KEY="));
        Control = new Uri(Value(lines, "CONTROL=").TrimEnd('/') + "/");
    }

    /// <summary>
    /// <c>POST /control/faults/{fault}</c> (such as <c>drop?refuse=20s</c>); fails with its answer unless it was
    /// applied. Returns the answer's body.
    /// </summary>
    public async Task<string> PostFaultAsync(string fault)
    {
        var control = Control ?? throw new InvalidOperationException("The simulator is not running.");
        using var response = await Http.PostAsync(new Uri(control, "faults/" + fault), content: null);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? body
            : throw new InvalidOperationException($"POST {fault} to the simulator's control interface answered {(int)response.StatusCode}: {body}");
    }

    /// <summary><c>GET /control/status</c>: connections, authenticated, connectionsSeen, silent, deadSessions...</summary>
    public async Task<JsonElement> StatusAsync()
    {
        var control = Control ?? throw new InvalidOperationException("The simulator is not running.");
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri(control, "status")));
        return document.RootElement.Clone();
    }

    public string Describe() => _output is null ? "alpaca-simulator: not started" : $"alpaca-simulator:{_output.Describe()}";

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            using var cts = new CancellationTokenSource(StartTimeout);
            await _process.WaitForExitAsync(cts.Token);
        }

        _process.Dispose();
    }

    private static string Value(IReadOnlyList<string> lines, string prefix) => lines.Single(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

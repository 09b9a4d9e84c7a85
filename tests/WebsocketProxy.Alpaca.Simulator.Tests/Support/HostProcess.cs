using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Alpaca.Simulator.Tests.Support;

/// <summary>The <c>alpaca-simulator</c> executable run as a real process, with what it printed at start.</summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = RawClient.Timeout };

    private HostProcess(Process process, Dictionary<string, string> printed, Dictionary<string, Uri> feeds)
    {
        Process = process;
        Printed = printed;
        Feeds = feeds;
    }

    public Process Process { get; }

    /// <summary>The KEY=value lines printed at start.</summary>
    public Dictionary<string, string> Printed { get; }

    /// <summary>The feed addresses printed at start, by feed name.</summary>
    public Dictionary<string, Uri> Feeds { get; }

    public Uri Control => new(Printed["CONTROL"]);

    public string Auth => $$"""{"action":"auth","key":"{{Printed["APCA-API-KEY-ID"]}}","secret":"{{Printed["APCA-API-SECRET-KEY"]}}"}""";

    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "alpaca-simulator.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Starts the host and reads its start-up lines, up to the secret.</summary>
    public static async Task<HostProcess> StartAsync(params string[] arguments)
    {
        // On Linux started with SIGINT at its default, so that DisposeAsync can stop it with Ctrl-C as a user would;
        // elsewhere it is killed (sending a console Ctrl-C to another process is not what these tests are about).
        var process = OperatingSystem.IsLinux()
            ? Interrupts.StartWithSigIntDefault(StartInfo(arguments))
            : Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("could not start the simulator host");
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var printed = new Dictionary<string, string>();
            var feeds = new Dictionary<string, Uri>();
            while (!printed.ContainsKey("APCA-API-SECRET-KEY"))
            {
                var line = await process.StandardOutput.ReadLineAsync(cts.Token)
                    ?? throw new InvalidOperationException("The simulator exited: " + await process.StandardError.ReadToEndAsync(cts.Token));
                var parts = line.Split('=', 2);
                if (parts.Length == 2)
                {
                    printed[parts[0]] = parts[1];
                }
                else if (line.Contains("ws://", StringComparison.Ordinal))
                {
                    var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    feeds[words[0]] = new Uri(words[^1]);
                }
            }

            return new HostProcess(process, printed, feeds);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>Reads standard output until a line that starts with <paramref name="prefix"/>.</summary>
    public async Task<string> ReadLineStartingWithAsync(string prefix)
    {
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        while (true)
        {
            var line = await Process.StandardOutput.ReadLineAsync(cts.Token) ?? throw new InvalidOperationException("The simulator exited.");
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line;
            }
        }
    }

    /// <summary>POSTs a fault to the control interface; returns the status code and the JSON answer.</summary>
    public async Task<(int Status, JsonElement Body)> FaultAsync(string nameAndQuery)
    {
        using var response = await _http.PostAsync(new Uri(Control + "/faults/" + nameAndQuery), content: null);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    public async Task<JsonElement> StatusAsync() => await _http.GetFromJsonAsync<JsonElement>(new Uri(Control + "/status"));

    /// <summary>Connects to a feed and authenticates; null when authenticated, else the error code.</summary>
    public async Task<(RawClient Client, int? Error)> ConnectAsync(string feed = "Iex")
    {
        var client = await RawClient.ConnectAsync(Feeds[feed]);
        Assert.Equal("connected", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        await client.SendAsync(Auth);
        var reply = await client.ReceiveSingleAsync();
        return (client, reply.Type() == "error" ? reply.GetProperty("code").GetInt32() : null);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            if (!Process.HasExited && OperatingSystem.IsLinux())
            {
                Interrupts.Send(Process.Id);
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await Process.WaitForExitAsync(cts.Token);
            }
        }
        finally
        {
            if (!Process.HasExited)
            {
                Process.Kill();
            }

            Process.Dispose();
        }
    }
}

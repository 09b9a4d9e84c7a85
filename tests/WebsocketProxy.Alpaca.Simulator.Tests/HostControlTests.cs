using System.Diagnostics;
using System.Net.WebSockets;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

/// <summary>Every fault driven through the host process's HTTP control interface and its --fault schedule.</summary>
public sealed class HostControlTests
{
    [Fact]
    public async Task ControlPort_DropWithRefuse_DroppedKeyGets406_ClearLiftsIt()
    {
        await using var host = await HostProcess.StartAsync("--port", "0", "--control-port", "0");
        var (client, error) = await host.ConnectAsync();
        Assert.Null(error);
        var (status, body) = await host.FaultAsync("drop?refuse=5m");
        Assert.Equal(200, status);
        Assert.Equal(1, body.GetProperty("connections").GetInt32());
        await Assert.ThrowsAnyAsync<WebSocketException>(() => client.ReceiveRawAsync());
        await client.DisposeAsync();

        await WaitForAsync(host, s => s.GetProperty("connections").GetInt32() == 0);
        Assert.Equal(1, (await host.StatusAsync()).GetProperty("deadSessions").GetInt32());
        var (refused, code) = await host.ConnectAsync();
        Assert.Equal(406, code);
        await refused.DisposeAsync();

        Assert.Equal(200, (await host.FaultAsync("clear")).Status);
        var (accepted, none) = await host.ConnectAsync();
        Assert.Null(none);
        await accepted.DisposeAsync();
    }

    [Fact]
    public async Task ControlPort_RefuseFlapAndErrorBroadcast_EachActsOnSessions()
    {
        await using var host = await HostProcess.StartAsync("--port", "0", "--control-port", "0");

        Assert.Equal(200, (await host.FaultAsync("refuse?code=408&count=1")).Status);
        var (refused, code) = await host.ConnectAsync();
        Assert.Equal(408, code);
        await refused.DisposeAsync();

        Assert.Equal(200, (await host.FaultAsync("flap?count=1&after=50ms")).Status);
        var (flapping, none) = await host.ConnectAsync();
        Assert.Null(none);
        Assert.Empty(await flapping.ReceiveUntilClosedAsync());
        await flapping.DisposeAsync();

        var (client, ok) = await host.ConnectAsync("Sip");
        Assert.Null(ok);
        var (status, body) = await host.FaultAsync("error?code=411&close=true");
        Assert.Equal(200, status);
        Assert.Equal(1, body.GetProperty("connections").GetInt32());
        var error = Assert.Single(await client.ReceiveUntilClosedAsync());
        Assert.True(error.IsError(411));
        Assert.Equal("insufficient scope", error.GetProperty("msg").GetString());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task ControlPort_SilentThenEndSilence_NothingAnsweredMeanwhile_ThenAnswered()
    {
        await using var host = await HostProcess.StartAsync("--port", "0", "--control-port", "0", "--ping-interval", "200ms");
        var (client, error) = await host.ConnectAsync();
        Assert.Null(error);
        Assert.Equal(200, (await host.FaultAsync("silent")).Status);
        Assert.True((await host.StatusAsync()).GetProperty("silent").GetBoolean());

        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        var reply = client.ReceiveSingleAsync();
        await Task.WhenAny(reply, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(reply.IsCompleted);

        Assert.Equal(200, (await host.FaultAsync("end-silence")).Status);
        Assert.Equal(["AAPL"], (await reply).Strings("trades"));
        Assert.False((await host.StatusAsync()).GetProperty("silent").GetBoolean());
        await client.DisposeAsync();
    }

    [Fact]
    public async Task ControlPort_StopReadingAndPauseData_ThenResume()
    {
        await using var host = await HostProcess.StartAsync("--port", "0", "--control-port", "0", "--time-scale", "60");
        var (client, _) = await host.ConnectAsync();
        Assert.Equal(200, (await host.FaultAsync("pause-data")).Status);
        Assert.True((await host.StatusAsync()).GetProperty("dataPaused").GetBoolean());
        Assert.Equal(200, (await host.FaultAsync("stop-reading")).Status);
        await client.SendAsync("""{"action":"subscribe","trades":["AAPL"]}""");
        var reply = client.ReceiveSingleAsync();
        await Task.WhenAny(reply, Task.Delay(TimeSpan.FromSeconds(1)));
        Assert.False(reply.IsCompleted);

        Assert.Equal(200, (await host.FaultAsync("resume-reading")).Status);
        Assert.Equal("subscription", (await reply).Type());
        Assert.Equal(200, (await host.FaultAsync("resume-data")).Status);
        Assert.Equal("AAPL", (await client.ReceiveUntilAsync(m => m.Type() == "t")).Symbol());
        await client.DisposeAsync();
    }

    [Theory]
    [InlineData("refuse?code=406", "either 'count'")]
    [InlineData("refuse?count=1&for=5s", "either 'count'")]
    [InlineData("drop?refuse=soon", "not a duration")]
    [InlineData("drop?nonsense=1", "unknown argument")]
    [InlineData("teleport", "Unknown fault")]
    public async Task ControlPort_BadCommand_400NamingTheProblem(string command, string expected)
    {
        await using var host = await HostProcess.StartAsync("--port", "0", "--control-port", "0");
        var (status, body) = await host.FaultAsync(command);
        Assert.Equal(400, status);
        Assert.Contains(expected, body.GetProperty("error").GetString(), StringComparison.Ordinal);

        // Nothing was applied: a client still authenticates.
        var (client, error) = await host.ConnectAsync();
        Assert.Null(error);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task FaultOption_ScheduleAtStart_AppliedWithoutTheControlPort()
    {
        await using var host = await HostProcess.StartAsync("--port", "0", "--fault", "0s:refuse?code=411&count=1");
        var (refused, code) = await host.ConnectAsync();
        Assert.Equal(411, code);
        await refused.DisposeAsync();
        var (accepted, none) = await host.ConnectAsync();
        Assert.Null(none);
        await accepted.DisposeAsync();
    }

    [Fact]
    public async Task ControlStdin_CommandsPerLine_AppliedAndEchoed_BadOneReported()
    {
        await using var host = await HostProcess.StartAsync("--port", "0", "--control-stdin");
        await host.Process.StandardInput.WriteLineAsync("refuse?code=nine");
        Assert.Contains("'code' is malformed", await host.ReadLineStartingWithAsync("Fault error: "), StringComparison.Ordinal);

        await host.Process.StandardInput.WriteLineAsync("refuse?code=408&count=1");
        Assert.Equal("Fault: refuse?code=408&count=1", await host.ReadLineStartingWithAsync("Fault"));
        var (refused, code) = await host.ConnectAsync();
        Assert.Equal(408, code);
        await refused.DisposeAsync();
        var (accepted, none) = await host.ConnectAsync();
        Assert.Null(none);
        await accepted.DisposeAsync();
    }

    [Fact]
    public async Task FaultOption_Malformed_ExitsWithCode2AndTheReason()
    {
        using var process = Process.Start(HostProcess.StartInfo("--port", "0", "--fault", "soon:drop"))!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var error = await process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("not a duration", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_DocumentsTheControlInterface()
    {
        using var process = Process.Start(HostProcess.StartInfo("--help"))!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var help = await process.StandardOutput.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        Assert.Contains("--control-port", help, StringComparison.Ordinal);
        Assert.Contains("/control/faults/NAME", help, StringComparison.Ordinal);
        Assert.Contains("--fault", help, StringComparison.Ordinal);
        Assert.Contains("--dead-session-linger", help, StringComparison.Ordinal);
        Assert.Contains("--ping-interval", help, StringComparison.Ordinal);
        Assert.Contains("--control-stdin", help, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(HostProcess host, Func<System.Text.Json.JsonElement, bool> condition)
    {
        using var cts = new CancellationTokenSource(RawClient.Timeout);
        while (!condition(await host.StatusAsync()))
        {
            // Polled over HTTP: the status of another process has no event to wait on.
            await Task.Delay(50, cts.Token);
        }
    }
}

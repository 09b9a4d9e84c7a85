using System.Text.Json;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

public sealed class ReplayTests
{
    private const string Recording = """
        [{"T":"success","msg":"connected"}]
        [{"T":"t","S":"AAPL","i":1,"x":"V","p":189.42,"s":100,"c":["@"],"z":"C","t":"2024-05-01T14:31:02.123456789Z"},{"T":"q","S":"MSFT","bx":"Q","bp":410.1,"bs":2,"ax":"P","ap":410.2,"as":3,"c":["R"],"z":"C","t":"2024-05-01T14:31:02.2Z"}]

        [{"T":"t","S":"AAPL","i":2,"x":"V","p":189.45,"s":50,"c":["@"],"z":"C","t":"2024-05-01T14:31:03.5Z"}]
        [{"T":"b","S":"AAPL","o":189.3,"h":189.55,"l":189.22,"c":189.45,"v":150,"n":2,"vw":189.43,"t":"2024-05-01T14:31:00Z"}]
        [{"T":"t","S":"BTC/USD","p":64210.5,"s":0.0125,"t":"2024-05-01T14:31:04.1Z","i":3447222699101865076,"tks":"B"}]
        """;

    [Fact]
    public async Task Replay_PlaysRecordedMessagesToSubscribers_InOrderAndUnchanged()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sim-replay-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, Recording);
        try
        {
            var options = AlpacaSimulatorOptions.Default with { ReplayFile = path, TimeScale = 10 };
            await using var sim = await AlpacaMarketSimulator.StartAsync(options);
            await using var client = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
            await client.SendAsync("""{"action":"subscribe","trades":["AAPL"],"bars":["AAPL"]}""");
            await client.ReceiveSingleAsync();

            var seen = new List<JsonElement>();
            await client.ReceiveUntilAsync(m => m.Type() == "b", seen);
            Assert.Equal(["t", "t", "b"], seen.Select(m => m.Type()));
            Assert.Equal(1, seen[0].GetProperty("i").GetInt64());
            Assert.Equal("2024-05-01T14:31:02.123456789Z", seen[0].GetProperty("t").GetString());
            Assert.Equal(189.45, seen[1].GetProperty("p").GetDouble());
            Assert.Equal(189.43, seen[2].GetProperty("vw").GetDouble());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Replay_BadLine_StartFailsNamingTheLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sim-replay-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, "[{\"T\":\"t\"}]\n{not json\n");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { ReplayFile = path }));
            Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using WebsocketProxy.Alpaca;
using WebsocketProxy.Alpaca.Simulator;
using WebsocketProxy.Client;
using WebsocketProxy.Streaming;

// Usage: Consumer <proxy instance> <crypto URL of a running alpaca-simulator> <its key id> <its secret>
// websocket-proxy is not next to this program: the client must find the installed tool on PATH.
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
var proxy = WebsocketProxyClientOptions.Default with { Instance = args[0], ProxyGracePeriod = TimeSpan.FromSeconds(1) };

// 1. The typed Alpaca layer, against a simulator embedded from the WebsocketProxy.Alpaca.Simulator package.
await using (var simulator = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { TradesPerSecond = 40 }, timeout.Token))
{
    var credentials = new AlpacaCredentials(simulator.Credentials.KeyId, simulator.Credentials.Secret);
    var options = AlpacaProxyOptions.Default with { BaseAddress = simulator.BaseUri, Proxy = proxy };
    await using var alpaca = await AlpacaProxy.ConnectAsync(credentials, options, timeout.Token);
    var received = new List<string>();
    await foreach (var trade in alpaca.Trades("AAPL", timeout.Token))
    {
        received.Add($"{trade.Symbol}@{trade.Price}");
        if (received.Count == 5)
        {
            break;
        }
    }

    Console.WriteLine($"typed trades: {string.Join(' ', received)}");
    Console.WriteLine($"simulator upstream connections: {simulator.Counters.ConnectionsSeen}");
}

// 2. A protocol declared in this application: the generator that ships inside WebsocketProxy.Alpaca writes
//    TickStream's members, here, at this project's compile time.
await using var client = await WebsocketProxyClient.ConnectAsync(proxy, timeout.Token);
var auth = JsonSerializer.Serialize(new Dictionary<string, string> { ["action"] = "auth", ["key"] = args[2], ["secret"] = args[3] });
var connection = await client.OpenAsync(
    new ProxyConnectionOptions { Url = new Uri(args[1]), Prelude = [auth], ReadinessMarker = "\"msg\":\"authenticated\"" },
    timeout.Token);
await using (var ticks = new TickStream(connection))
{
    var received = new List<string>();
    await foreach (var tick in ticks.Trades("BTC/USD", timeout.Token))
    {
        received.Add($"{tick.Symbol}@{tick.Price}");
        if (received.Count == 5)
        {
            break;
        }
    }

    Console.WriteLine($"generated trades: {string.Join(' ', received)}");
}

// 3. Which websocket-proxy served all this: its status names its pid, and Linux names the pid's program.
var status = await client.GetStatusAsync(timeout.Token);
var pid = Regex.Match(status, @"pid (\d+)").Groups[1].Value;
Console.WriteLine($"proxy pid: {pid}");
Console.WriteLine($"proxy executable: {new FileInfo($"/proc/{pid}/exe").LinkTarget}");
Console.WriteLine($"proxy arguments: {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()}");

Console.WriteLine("done");

/// <summary>Crypto trades as this application wants them: two fields, its own decoder.</summary>
[StreamProtocol(
    Discriminator = "T",
    SymbolField = "S",
    Subscribe = "{\"action\":\"subscribe\",\"{channel}\":[{topics}]}",
    Unsubscribe = "{\"action\":\"unsubscribe\",\"{channel}\":[{topics}]}")]
internal sealed partial class TickStream
{
    [StreamChannel("trades", TypeCode = "t", DecoderType = typeof(Tick))]
    public partial IAsyncEnumerable<Tick> Trades(string symbol, CancellationToken cancellationToken = default);
}

internal sealed record Tick(string Symbol, decimal Price)
{
    public static Tick Read(ref Utf8JsonReader reader)
    {
        string? symbol = null;
        decimal price = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "S":
                    symbol = reader.GetString();
                    break;
                case "p":
                    price = reader.GetDecimal();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new Tick(symbol ?? throw new JsonException("A trade without a symbol."), price);
    }
}

using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WebsocketProxy.Alpaca.Tests.Integration;
using WebsocketProxy.Client;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Alpaca.Tests.Trading;

/// <summary>
/// Alpaca's trading stream as documented, on a Kestrel server: authenticate, then listen; every reply and event in a
/// binary frame holding JSON, as paper sends them. Knows one key; anything else is unauthorized.
/// </summary>
internal sealed class FakeTradingServer : IAsyncDisposable
{
    public const string Listen = """{"action":"listen","data":{"streams":["trade_updates"]}}""";

    private FakeTradingServer(TestWebSocketServer server)
    {
        Server = server;
        server.AfterMessage = ReplyAsync;
    }

    public TestWebSocketServer Server { get; }

    public AlpacaCredentials Credentials { get; } = new("PKTEST", "secret-" + Guid.NewGuid().ToString("N")[..8]);

    public string Instance { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public string LogFile => Path.Combine(Path.GetTempPath(), $"wsproxy-test-{Instance}.log");

    public int ListenCount => Server.Received.Count(m => m == Listen);

    /// <summary>Every message the server received, oldest first.</summary>
    public IReadOnlyList<string> Received() => [.. Server.Received];

    public static async Task<FakeTradingServer> StartAsync() => new(await TestWebSocketServer.StartAsync());

    public AlpacaProxyOptions Options(string name) => AlpacaProxyOptions.Default with
    {
        Url = Server.Url,
        OpenStocksOnConnect = false,
        Proxy = WebsocketProxyClientOptions.Default with
        {
            Name = name,
            Instance = Instance,
            ProxyPath = StrategyProcess.PathOf("ProxyPath"),
            ProxyGracePeriod = TimeSpan.FromSeconds(1),
            ProxyLogFile = LogFile,
            ProxyLogLevel = Microsoft.Extensions.Logging.LogLevel.Debug,
        },
        ReconnectInitialBackoff = TimeSpan.FromMilliseconds(50),
        ReconnectMaxBackoff = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>A trade update for an order of <paramref name="clientOrderId"/>, to every connection.</summary>
    public async Task SendUpdateAsync(string @event, string clientOrderId)
    {
        var json = $$"""
            {"stream":"trade_updates","data":{"event":"{{@event}}","timestamp":"2026-12-03T14:31:02.5Z","price":"10.5","qty":"1","position_qty":"1",
             "order":{"id":"{{Guid.NewGuid()}}","client_order_id":"{{clientOrderId}}","symbol":"AAPL","qty":"1","filled_qty":"1","type":"market",
             "side":"buy","time_in_force":"day","status":"filled"} } }
            """;
        foreach (var connection in Server.OpenConnections)
        {
            await connection.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Binary);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        InstanceFiles.RemoveWhenIdle(Instance);
    }

    private async Task ReplyAsync(ServerConnection connection, string text)
    {
        using var message = JsonDocument.Parse(text);
        var action = message.RootElement.GetProperty("action").GetString();
        var reply = action switch
        {
            "authenticate" => message.RootElement.GetProperty("data") is var data
                && data.GetProperty("key_id").GetString() == Credentials.KeyId && data.GetProperty("secret_key").GetString() == Credentials.Secret
                    ? """{"stream":"authorization","data":{"action":"authenticate","status":"authorized"}}"""
                    : """{"stream":"authorization","data":{"action":"authenticate","message":"access key verification failed","status":"unauthorized"}}""",
            "listen" => $$"""{"stream":"listening","data":{"streams":{{message.RootElement.GetProperty("data").GetProperty("streams").GetRawText()}} } }""",
            _ => """{"action":"error","data":{"error_message":"unrecognized action"}}""",
        };
        await connection.SendAsync(Encoding.UTF8.GetBytes(reply), WebSocketMessageType.Binary);
    }
}

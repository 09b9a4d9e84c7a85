// The raw-bytes API against a provider that is not Alpaca: two clients share one upstream connection
// through websocket-proxy, subscribe with raw payload templates, and the ticker server shows that it only
// hears about a product when its first subscriber arrives and its last one leaves.
using System.Text;
using RawBytes;
using WebsocketProxy.Client;

var url = args.Length > 0 ? new Uri(args[0]) : null;
await using var server = url is null ? await TickerServer.StartAsync() : null;
url ??= server!.Url;
Console.WriteLine($"Upstream: {url}");

var products = new SubscriptionTemplate
{
    Group = "products",
    Subscribe = """{"op":"subscribe","products":[{topics}]}""",
    Unsubscribe = """{"op":"unsubscribe","products":[{topics}]}""",
    MaxTopicsPerMessage = 50,
};

// Each client would normally be its own process. Two in one process share the process's one registration with
// the proxy (its status lists one client), and their handles are counted the same way.
var instance = $"rawbytes-{Environment.ProcessId}";
await using var alice = await WebsocketProxyClient.ConnectAsync(new WebsocketProxyClientOptions { Name = "alice", Instance = instance, ProxyGracePeriod = TimeSpan.FromSeconds(2) });
await using var bob = await WebsocketProxyClient.ConnectAsync(new WebsocketProxyClientOptions { Name = "bob", Instance = instance, ProxyGracePeriod = TimeSpan.FromSeconds(2) });
Console.WriteLine($"Proxy process id: {alice.ServerId}");

var aliceConnection = await alice.OpenAsync(new ProxyConnectionOptions { Url = url });
var bobConnection = await bob.OpenAsync(new ProxyConnectionOptions { Url = url });
Console.WriteLine($"alice opened connection {aliceConnection.Id} (new: {aliceConnection.IsNew}); bob opened {bobConnection.Id} (new: {bobConnection.IsNew})");

using var stop = new CancellationTokenSource();
var bobReading = PrintAsync("bob", bobConnection, stop.Token);

Console.WriteLine("alice subscribes BTC-USD, ETH-USD");
await aliceConnection.SubscribeAsync(products, ["BTC-USD", "ETH-USD"]);
Console.WriteLine("bob subscribes ETH-USD, SOL-USD (only SOL-USD is new upstream)");
await bobConnection.SubscribeAsync(products, ["ETH-USD", "SOL-USD"]);
await Task.Delay(TimeSpan.FromSeconds(1));

Console.WriteLine("alice unsubscribes everything (upstream drops BTC-USD only: bob still holds ETH-USD)");
await aliceConnection.UnsubscribeAsync(products, ["BTC-USD", "ETH-USD"]);
await Task.Delay(TimeSpan.FromSeconds(1));

Console.WriteLine("bob sends a raw message of his own");
await bobConnection.SendAsync(Encoding.UTF8.GetBytes("""{"op":"subscribe","products":[]}"""));
Console.WriteLine("bob leaves: upstream drops ETH-USD and SOL-USD");
await bobConnection.UnsubscribeAsync(products, ["ETH-USD", "SOL-USD"]);
if (server is not null)
{
    // The proxy has sent the unsubscribe; wait until the ticker server has printed it, the fifth message it hears.
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
    await TickerServer.WaitForMessagesAsync(5, timeout.Token);
}
else
{
    await Task.Delay(TimeSpan.FromMilliseconds(500));
}

await stop.CancelAsync();
var frames = await bobReading;
Console.WriteLine($"bob received {frames} ticks; upstream connections seen by the ticker server: {(server is null ? "n/a" : TickerServer.ConnectionsSeen)}");
Console.WriteLine(await alice.GetStatusAsync());

static async Task<int> PrintAsync(string who, IProxyConnection connection, CancellationToken cancellationToken)
{
    var count = 0;
    try
    {
        await foreach (var frame in connection.ReadFramesAsync(cancellationToken))
        {
            if (frame.Kind == ProxyFrameKind.Data && ++count % 5 == 1)
            {
                Console.WriteLine($"  {who} <- {Encoding.UTF8.GetString(frame.Payload.Span)}");
            }
            else if (frame.Kind != ProxyFrameKind.Data)
            {
                Console.WriteLine($"  {who} event {frame.Kind} {frame.Message}");
            }
        }
    }
    catch (OperationCanceledException)
    {
        // Done.
    }

    return count;
}

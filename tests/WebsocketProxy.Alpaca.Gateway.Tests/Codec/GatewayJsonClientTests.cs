using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;

namespace WebsocketProxy.Alpaca.Gateway.Tests.Codec;

/// <summary>
/// The transcoder in place: a JSON client of the gateway (whose upstream is MessagePack) gets what a JSON client of
/// the simulator itself gets for the same messages, timestamps printed as Alpaca's JSON prints them.
/// </summary>
public sealed partial class GatewayJsonClientTests
{
    [Fact]
    public async Task Subscribe_JsonClientThroughTheGateway_SameMessagesAsADirectJsonClient()
    {
        await using var context = await GatewayContext.StartAsync(simulator: o => o with { ConnectionsPerKey = 2 });
        await using var viaGateway = await SimulatorSocket.ConnectAsync(context.Url("v2/iex"), messagePack: false);
        await using var direct = await SimulatorSocket.ConnectAsync(context.Simulator.GetUri(Simulator.AlpacaSimulatorFeed.Iex), messagePack: false);
        var auth = $$"""{"action":"auth","key":"{{context.Key}}","secret":"{{context.Secret}}"}""";
        const string Subscribe = """{"action":"subscribe","trades":["AAPL"],"quotes":["AAPL"],"bars":["AAPL"]}""";
        foreach (var client in new[] { viaGateway, direct })
        {
            Assert.Equal("connected", (string)(await ReceiveSingleAsync(client))["msg"]!);
            await client.SendAsync(auth);
            Assert.Equal("authenticated", (string)(await ReceiveSingleAsync(client))["msg"]!);
            await client.SendAsync(Subscribe);
            Assert.Equal("subscription", (string)(await ReceiveSingleAsync(client))["T"]!);
        }

        using var stop = new CancellationTokenSource();
        var frames = Channel.CreateUnbounded<(bool ViaGateway, byte[] Payload)>();
        var readers = new[] { PumpAsync(viaGateway, true, frames.Writer, stop.Token), PumpAsync(direct, false, frames.Writer, stop.Token) };
        var directByIdentity = new Dictionary<string, List<string>>();
        var pending = new List<(string Type, string Identity, string Canonical)>();
        var matched = new Dictionary<string, int> { ["t"] = 0, ["q"] = 0 };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (matched.Values.Any(count => count < 3))
            {
                var (fromGateway, payload) = await frames.Reader.ReadAsync(timeout.Token);
                foreach (var message in JsonNode.Parse(payload)!.AsArray())
                {
                    var canonical = ReferenceJson.Canonical(message);
                    var identity = SimulatorOracleTests.Identity(message!);
                    if (fromGateway)
                    {
                        // Go's RFC3339Nano, as Alpaca prints it: the fraction's trailing zeros trimmed.
                        Assert.Matches(GoRfc3339Nano(), (string)message!["t"]!);
                        pending.Add(((string)message["T"]!, identity, canonical));
                    }
                    else
                    {
                        if (!directByIdentity.TryGetValue(identity, out var candidates))
                        {
                            directByIdentity[identity] = candidates = [];
                        }

                        candidates.Add(canonical);
                    }
                }

                for (var i = pending.Count - 1; i >= 0; i--)
                {
                    if (directByIdentity.TryGetValue(pending[i].Identity, out var candidates))
                    {
                        Assert.Contains(pending[i].Canonical, candidates);
                        matched[pending[i].Type] = matched.GetValueOrDefault(pending[i].Type) + 1;
                        pending.RemoveAt(i);
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private static async Task<JsonNode> ReceiveSingleAsync(SimulatorSocket client)
    {
        using var timeout = new CancellationTokenSource(SimulatorSocket.Timeout);
        return Assert.Single(JsonNode.Parse(await client.ReceiveFrameAsync(timeout.Token))!.AsArray())!;
    }

    private static async Task PumpAsync(SimulatorSocket socket, bool viaGateway, ChannelWriter<(bool, byte[])> frames, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var frame = await socket.ReceiveFrameAsync(cancellationToken);
                await frames.WriteAsync((viaGateway, frame), cancellationToken);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            frames.TryComplete(ex);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,8}[1-9])?Z$")]
    private static partial Regex GoRfc3339Nano();
}

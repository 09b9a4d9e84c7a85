using BenchmarkDotNet.Running;
using WebsocketProxy.Benchmarks.Alpaca;
using WebsocketProxy.Benchmarks.Footprint;
using WebsocketProxy.Benchmarks.Gateway;
using WebsocketProxy.Benchmarks.Ipc;
using WebsocketProxy.Benchmarks.Proxy;
using WebsocketProxy.Benchmarks.Soak;

// Verbs run cross-process harnesses; anything else goes to BenchmarkDotNet (e.g. `--filter *BroadcastRing*`).
return args.FirstOrDefault() switch
{
    "ipc-fanout" => await FanoutHarness.RunAsync(args[1..]),
    FanoutPeers.Verb => FanoutPeers.Run(args[1..]),
    ProxyFanoutHarness.Verb => await ProxyFanoutHarness.RunAsync(args[1..]),
    ProxyPeer.Verb => await ProxyPeer.RunAsync(args[1..]),
    TypedLatencyHarness.Verb => await TypedLatencyHarness.RunAsync(args[1..]),
    TypedHandoffHarness.Verb => await TypedHandoffHarness.RunAsync(args[1..]),
    TypedLatencyPeer.Verb => await TypedLatencyPeer.RunAsync(args[1..]),
    SoakHarness.Verb => await SoakHarness.RunAsync(args[1..]),
    SoakPeer.Verb => await SoakPeer.RunAsync(args[1..]),
    FootprintHarness.Verb => await FootprintHarness.RunAsync(args[1..]),
    FootprintPeer.Verb => await FootprintPeer.RunAsync(args[1..]),
    DecodeInterleavedHarness.Verb => DecodeInterleavedHarness.Run(args[1..]),
    GatewayFanoutHarness.Verb => await GatewayFanoutHarness.RunAsync(args[1..]),
    GatewayHost.Verb => await GatewayHost.RunAsync(args[1..]),
    GatewayPeer.Verb => await GatewayPeer.RunAsync(args[1..]),
    _ => RunBenchmarkDotNet(args),
};

static int RunBenchmarkDotNet(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(FanoutHarness).Assembly).Run(args);
    return 0;
}

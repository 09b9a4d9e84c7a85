using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca.Gateway.Cli;

/// <summary>The <c>alpaca-gateway</c> command line.</summary>
internal static class GatewayCommand
{
    /// <summary>The <c>--root-feed</c> names: the last segment of each stocks path, as Alpaca spells it.</summary>
    private static readonly Dictionary<string, AlpacaFeed> RootFeeds = new(StringComparer.Ordinal)
    {
        ["iex"] = AlpacaFeed.Iex,
        ["sip"] = AlpacaFeed.Sip,
        ["delayed_sip"] = AlpacaFeed.DelayedSip,
        ["test"] = AlpacaFeed.Test,
        ["boats"] = AlpacaFeed.Boats,
        ["overnight"] = AlpacaFeed.Overnight,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (the C# SDK's WithProxyForAlpacaDataStreamingClient() default is 8765).", DefaultValueFactory = _ => AlpacaGatewayOptions.DefaultPort };
        var bind = new Option<string>("--bind") { Description = "Address to listen on. Anything but loopback also needs --allow-remote.", DefaultValueFactory = _ => "127.0.0.1" };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Accept clients from other machines (plain ws://: their secrets cross the network unencrypted)." };
        var upstream = new Option<string>("--upstream") { Description = "Base address of Alpaca's market-data streams; the client's path (/v2/iex ...) is appended.", DefaultValueFactory = _ => AlpacaEndpoints.ProductionHost.AbsoluteUri };
        var rootFeed = new Option<string>("--root-feed")
        {
            Description = "The stocks feed served at the root path / , where the C# SDK's WithProxyForAlpacaDataStreamingClient() connects by default (ws://127.0.0.1:8765, no path): a client there is a client of /v2/<feed> (iex unless your Alpaca plan includes sip).",
            DefaultValueFactory = _ => "iex",
        };
        rootFeed.AcceptOnlyFromAmong([.. RootFeeds.Keys]);
        var instance = new Option<string>("--instance") { Description = "The websocket-proxy instance to share (processes of other instances never share a connection).", DefaultValueFactory = _ => "default" };
        var proxyPath = new Option<string?>("--proxy-path") { Description = "The websocket-proxy executable (else WEBSOCKET_PROXY_PATH, next to this tool, a local tool manifest, PATH)." };
        var authTimeout = new Option<double>("--auth-timeout") { Description = "Seconds a client has to authenticate (error 404 after).", DefaultValueFactory = _ => 10 };
        var maxFrames = new Option<int>("--max-queued-frames") { Description = "Frames waiting for one client before it is cut off as a slow client (error 407).", DefaultValueFactory = _ => AlpacaGatewayOptions.Default.MaxQueuedFrames };
        var maxBytes = new Option<long>("--max-queued-bytes") { Description = "Bytes waiting for one client before it is cut off as a slow client (error 407).", DefaultValueFactory = _ => AlpacaGatewayOptions.Default.MaxQueuedBytes };
        var logLevel = new Option<LogLevel>("--log-level") { Description = "Minimum log level.", DefaultValueFactory = _ => LogLevel.Information };
        var root = new RootCommand("alpaca-gateway: a local Alpaca market-data endpoint; unmodified SDKs (Python, JavaScript, C#, Go) connected to it share one upstream connection per account and endpoint through websocket-proxy.")
        {
            port, bind, allowRemote, upstream, rootFeed, instance, proxyPath, authTimeout, maxFrames, maxBytes, logLevel,
        };
        root.SetAction(async (parse, token) =>
        {
            if (!IPAddress.TryParse(parse.GetValue(bind), out var address))
            {
                await Console.Error.WriteLineAsync($"alpaca-gateway: --bind '{parse.GetValue(bind)}' is not an IP address.").ConfigureAwait(false);
                return 2;
            }

            if (!Uri.TryCreate(parse.GetValue(upstream), UriKind.Absolute, out var upstreamUri))
            {
                await Console.Error.WriteLineAsync($"alpaca-gateway: --upstream '{parse.GetValue(upstream)}' is not an absolute URL.").ConfigureAwait(false);
                return 2;
            }

            using var loggers = LoggerFactory.Create(builder =>
            {
                builder.SetMinimumLevel(parse.GetValue(logLevel));
                builder.AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "HH:mm:ss.fff ";
                });
            });
            var options = AlpacaGatewayOptions.Default with
            {
                Port = parse.GetValue(port),
                BindAddress = address,
                AllowRemoteClients = parse.GetValue(allowRemote),
                Upstream = upstreamUri,
                RootFeed = RootFeeds[parse.GetValue(rootFeed)!],
                Proxy = WebsocketProxyClientOptions.Default with { Name = "alpaca-gateway", Instance = parse.GetValue(instance)!, ProxyPath = parse.GetValue(proxyPath) },
                AuthTimeout = TimeSpan.FromSeconds(parse.GetValue(authTimeout)),
                MaxQueuedFrames = parse.GetValue(maxFrames),
                MaxQueuedBytes = parse.GetValue(maxBytes),
                LoggerFactory = loggers,
            };
            try
            {
                var gateway = await AlpacaGateway.StartAsync(options, token).ConfigureAwait(false);
                await using (gateway.ConfigureAwait(false))
                {
                    await Console.Out.WriteLineAsync($"alpaca-gateway: listening on {gateway.Uri} (stocks: {gateway.Uri}v2/iex, or {gateway.Uri} for {AlpacaEndpoints.Path(AlpacaStreamKind.Stocks, options.RootFeed)}, crypto: {gateway.Uri}v1beta3/crypto/us, news: {gateway.Uri}v1beta1/news, options: {gateway.Uri}v1beta1/indicative); Ctrl-C stops it.").ConfigureAwait(false);
                    try
                    {
                        await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // Ctrl-C or SIGTERM.
                    }
                }

                return 0;
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync("alpaca-gateway: " + ex.Message).ConfigureAwait(false);
                return 2;
            }
            catch (IOException ex)
            {
                await Console.Error.WriteLineAsync("alpaca-gateway: cannot listen: " + ex.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}

using System.Net;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Client;

namespace WebsocketProxy.Alpaca.Gateway;

/// <summary>Settings of an <see cref="AlpacaGateway"/>.</summary>
public sealed record AlpacaGatewayOptions
{
    /// <summary>The port the official SDKs' proxy settings default to (the C# SDK's <c>WithProxyForAlpacaDataStreamingClient()</c>).</summary>
    public const int DefaultPort = 8765;

    /// <summary>The defaults: <c>127.0.0.1:8765</c>, Alpaca's production host.</summary>
    public static AlpacaGatewayOptions Default { get; } = new();

    /// <summary>The port to listen on; 0 picks a free one (see <see cref="AlpacaGateway.Uri"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The address to listen on. Anything but a loopback address needs <see cref="AllowRemoteClients"/>.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// Accept clients from other machines. Off by default: the gateway then refuses to bind a non-loopback address and
    /// refuses every connection whose remote address is not loopback. Traffic between the client and the gateway is
    /// plain <c>ws://</c>, secrets included.
    /// </summary>
    public bool AllowRemoteClients { get; init; }

    /// <summary>The base address of Alpaca's market-data streams; a client's path (<c>/v2/iex</c>) is appended.</summary>
    public Uri Upstream { get; init; } = AlpacaEndpoints.ProductionHost;

    /// <summary>
    /// The stocks feed served at the root path <c>/</c>, where the C# SDK's <c>WithProxyForAlpacaDataStreamingClient()</c>
    /// connects by default (<c>ws://127.0.0.1:8765</c>, no path) as the older alpaca-proxy-agent served it. A client at
    /// <c>/</c> is a client of that feed's path (<c>/v2/iex</c> by default) in every way, sharing its upstream connection.
    /// </summary>
    public AlpacaFeed RootFeed { get; init; } = AlpacaFeed.Iex;

    /// <summary>The gateway's link to the proxy (instance, proxy path, grace period, logging of the proxy).</summary>
    public WebsocketProxyClientOptions Proxy { get; init; } = WebsocketProxyClientOptions.Default with { Name = "alpaca-gateway" };

    /// <summary>
    /// Resilience of the upstream connections (reconnect backoff, keep-alive, the 406 retry window). Its feed,
    /// environment, addresses, wire format and proxy settings are not used: the client's path,
    /// <see cref="Upstream"/> and <see cref="Proxy"/> say those, and upstream connections are always MessagePack (one
    /// connection per account and endpoint serves JSON and MessagePack clients alike, options included).
    /// </summary>
    public AlpacaProxyOptions UpstreamSettings { get; init; } = AlpacaProxyOptions.Default;

    /// <summary>A client that has not authenticated within this time gets error 404 (auth timeout) and is closed, as on Alpaca.</summary>
    public TimeSpan AuthTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Frames waiting to be sent to one client; beyond this the client is cut off with error 407 (slow client).</summary>
    public int MaxQueuedFrames { get; init; } = 10_000;

    /// <summary>Bytes waiting to be sent to one client; beyond this the client is cut off with error 407 (slow client).</summary>
    public long MaxQueuedBytes { get; init; } = 32L << 20;

    /// <summary>The largest message a client may send; a larger one gets error 400 and closes the connection.</summary>
    public int MaxClientMessageBytes { get; init; } = 1 << 20;

    /// <summary>Where the gateway logs; nothing when <see langword="null"/>. Secrets are never logged.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The clock of timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WebsocketProxy.Alpaca.Gateway.Hosting;
using WebsocketProxy.Alpaca.Gateway.Protocol;

namespace WebsocketProxy.Alpaca.Gateway;

/// <summary>
/// A local Alpaca market-data endpoint: official SDKs (and any Alpaca client) connect to it instead of Alpaca,
/// unchanged but for the stream URL, and all of them share one upstream connection per (endpoint, credentials)
/// through websocket-proxy. Each client authenticates with its own key, gets exactly its own subscriptions and
/// messages, in the codec it asked for.
/// </summary>
/// <example>
/// <code>
/// await using var gateway = await AlpacaGateway.StartAsync(AlpacaGatewayOptions.Default);
/// // clients connect to ws://127.0.0.1:8765/v2/iex (gateway.Uri + the Alpaca path)
/// </code>
/// </example>
public sealed class AlpacaGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GatewayHub _hub;
    private int _disposed;

    private AlpacaGateway(WebApplication app, GatewayHub hub, Uri uri)
    {
        _app = app;
        _hub = hub;
        Uri = uri;
    }

    /// <summary>The address clients connect to, <c>ws://127.0.0.1:8765/</c>; append Alpaca's path (<c>v2/iex</c>, <c>v1beta3/crypto/us</c>...).</summary>
    public Uri Uri { get; }

    /// <summary>Local clients connected now.</summary>
    public int ClientCount => _hub.ClientCount;

    /// <summary>Upstream connections (one per endpoint and credentials) the gateway holds now.</summary>
    public int UpstreamCount => _hub.UpstreamCount;

    /// <summary>Clients cut off as too slow (error 407) since the start.</summary>
    public long SlowClientDisconnects => _hub.SlowClientDisconnects;

    /// <summary>Starts listening. The proxy is reached (and started if needed) when the first client authenticates.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running gateway; dispose it to stop it (every client is closed).</returns>
    /// <exception cref="ArgumentException">A non-loopback <see cref="AlpacaGatewayOptions.BindAddress"/> without <see cref="AlpacaGatewayOptions.AllowRemoteClients"/>, or invalid bounds.</exception>
    /// <exception cref="IOException">The port is in use.</exception>
    public static async Task<AlpacaGateway> StartAsync(AlpacaGatewayOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var loggers = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var hub = new GatewayHub(options, loggers);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, NoHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(options.BindAddress, options.Port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.Run(hub.HandleRequestAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            await hub.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var host = options.BindAddress.Equals(IPAddress.Any) ? "127.0.0.1"
            : options.BindAddress.Equals(IPAddress.IPv6Any) ? "[::1]"
            : options.BindAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{options.BindAddress}]"
            : options.BindAddress.ToString();
        var uri = new Uri($"ws://{host}:{port}/");
        hub.OnStarted(uri);
        return new AlpacaGateway(app, hub, uri);
    }

    /// <summary>Stops listening, closes every client and releases the upstream connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _hub.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void Validate(AlpacaGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.BindAddress);
        ArgumentNullException.ThrowIfNull(options.Upstream);
        ArgumentNullException.ThrowIfNull(options.Proxy);
        ArgumentNullException.ThrowIfNull(options.UpstreamSettings);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQueuedFrames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxQueuedBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxClientMessageBytes, 256);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.AuthTimeout, TimeSpan.Zero);
        if (!IPAddress.IsLoopback(options.BindAddress) && !options.AllowRemoteClients)
        {
            throw new ArgumentException(
                $"Listening on {options.BindAddress} would accept clients from other machines over plain ws:// (their secrets included): set AllowRemoteClients (--allow-remote) to do so, or bind a loopback address.",
                nameof(options));
        }

        // An unknown feed fails here, at start, not when the first client connects to "/".
        _ = GatewayEndpoint.OfStockFeed(options.RootFeed);

        if (!options.Upstream.IsAbsoluteUri || (options.Upstream.Scheme != "ws" && options.Upstream.Scheme != "wss"))
        {
            throw new ArgumentException($"The upstream '{options.Upstream}' is not an absolute ws:// or wss:// address.", nameof(options));
        }
    }
}

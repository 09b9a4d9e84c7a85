using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Alpaca.Gateway.Hosting;
using WebsocketProxy.Alpaca.Gateway.Protocol;
using WebsocketProxy.Alpaca.Gateway.Upstream;

namespace WebsocketProxy.Alpaca.Gateway.Clients;

/// <summary>
/// One local client (one WebSocket): its authentication, its own ledger of subscriptions, and its bounded send
/// queue. It speaks Alpaca's protocol in the codec it asked for; what it receives is only what its ledger selects
/// from the shared upstream frames.
/// </summary>
internal sealed partial class GatewayClient
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    private readonly HttpContext _context;
    private readonly WebSocket _socket;
    private readonly GatewayHub _hub;
    private readonly AlpacaGatewayOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<OutgoingFrame> _outgoing = Channel.CreateUnbounded<OutgoingFrame>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _ledgerLock = new();
    private readonly CancellationTokenSource _lifetime = new();
    private ClientLedger _ledger;
    private SharedUpstream? _upstream;
    private long _queuedFrames;
    private long _queuedBytes;
    private int _cutOff;
    private int _closing;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;

    public GatewayClient(long id, HttpContext context, WebSocket socket, GatewayEndpoint endpoint, ClientCodec codec, GatewayHub hub, AlpacaGatewayOptions options, ILogger logger)
    {
        Id = id;
        _context = context;
        _socket = socket;
        Endpoint = endpoint;
        Codec = codec;
        _hub = hub;
        _options = options;
        _logger = logger;
        _ledger = ClientLedger.Empty(endpoint);
    }

    public long Id { get; }

    public GatewayEndpoint Endpoint { get; }

    public ClientCodec Codec { get; }

    public bool IsAuthenticated => Volatile.Read(ref _upstream) is not null;

    private WebSocketMessageType FrameType => Codec == ClientCodec.MessagePack ? WebSocketMessageType.Binary : WebSocketMessageType.Text;

    /// <summary>Serves the client until it or the gateway closes.</summary>
    /// <param name="headerCredentials">Key and secret from the upgrade's <c>APCA-API-*</c> headers, if any.</param>
    /// <param name="stopping">The gateway is stopping.</param>
    public async Task RunAsync((string Key, string Secret)? headerCredentials, CancellationToken stopping)
    {
        using var stop = stopping.Register(() => Close("the gateway is stopping", WebSocketCloseStatus.EndpointUnavailable));
        var sender = SendLoopAsync();
        var authTimeout = Task.CompletedTask;
        try
        {
            if (Endpoint.IsMessagePackOnly && Codec != ClientCodec.MessagePack)
            {
                // Alpaca refuses a JSON session on the options streams outright, in JSON since that is what the client reads.
                SendControl(ControlFrames.Error(Codec, GatewayError.MessagePackRequired));
                Close("option messages are only available in MsgPack format", WebSocketCloseStatus.PolicyViolation);
                await ReceiveLoopAsync().ConfigureAwait(false);
            }
            else
            {
                // "connected" goes out before anything is read, so an auth sent early (the JS SDK does) is answered after it.
                SendControl(ControlFrames.Success(Codec, "connected"));
                authTimeout = AuthTimeoutAsync();
                if (headerCredentials is { } credentials)
                {
                    await AuthenticateAsync(credentials.Key, credentials.Secret).ConfigureAwait(false);
                }

                await ReceiveLoopAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away.
        }
        finally
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
            _outgoing.Writer.TryComplete();
            await IgnoreFailures(sender).ConfigureAwait(false);
            await IgnoreFailures(authTimeout).ConfigureAwait(false);
            await ReleaseAsync().ConfigureAwait(false);
            _lifetime.Dispose();
        }
    }

    /// <summary>The upstream connection closed for good: the client is told why and closed, as Alpaca would close it.</summary>
    public void OnUpstreamClosed(GatewayError error)
    {
        SendControl(ControlFrames.Error(Codec, error));
        Close(error.Message, WebSocketCloseStatus.EndpointUnavailable);
    }

    private async Task AuthTimeoutAsync()
    {
        try
        {
            await Task.Delay(_options.AuthTimeout, _options.TimeProvider, _lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (!IsAuthenticated && Volatile.Read(ref _authenticating) == 0)
        {
            LogAuthTimeout(Id);
            SendControl(ControlFrames.Error(Codec, GatewayError.AuthTimeout));
            Close("auth timeout", WebSocketCloseStatus.PolicyViolation);
        }
    }

    private async Task ReleaseAsync()
    {
        var upstream = Interlocked.Exchange(ref _upstream, null);
        if (upstream is null)
        {
            return;
        }

        ClientLedger ledger;
        lock (_ledgerLock)
        {
            ledger = _ledger;
            _ledger = ClientLedger.Empty(Endpoint);
        }

        await _hub.ReleaseAsync(upstream, this, ledger).ConfigureAwait(false);
    }

    private static async Task IgnoreFailures(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
        }
    }
}

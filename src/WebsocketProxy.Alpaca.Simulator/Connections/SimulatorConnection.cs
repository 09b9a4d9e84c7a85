using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Connections;

/// <summary>
/// One client's session: a receive loop that answers the protocol, and a sender that drains a bounded
/// outgoing queue, so a client that stops reading only ever fills its own queue.
/// </summary>
internal sealed partial class SimulatorConnection
{
    private const int StateOpen = 0;
    private const int StateClosing = 1;

    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly SimulatorState _state;
    private readonly MessageEncoder _controlEncoder = new();
    private readonly FrameBuilder _controlFrames = new();
    private readonly System.Threading.Channels.Channel<OutgoingFrame> _outgoing =
        System.Threading.Channels.Channel.CreateUnbounded<OutgoingFrame>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private SubscriptionSet _subscriptions = SubscriptionSet.Empty;
    private int _lifecycle = StateOpen;
    private long _queuedBytes;
    private volatile bool _authenticated;
    private bool _finished;

    /// <summary>Set when the session ends by a close (either side's): it is then not a dead session.</summary>
    private volatile bool _closedCleanly;

    /// <summary>How long this session stays a dead session if it was dropped by <see cref="Abort"/>.</summary>
    private TimeSpan _abortLinger;

    public SimulatorConnection(SimulatorState state, StreamEndpoint endpoint, WebSocket socket, HttpContext context, bool messagePack)
    {
        _state = state;
        _socket = socket;
        _context = context;
        Endpoint = endpoint;
        MessagePack = messagePack;
        _controlEncoder.PackEnabled = messagePack;
        _controlEncoder.JsonEnabled = !messagePack;
        Info = new SimulatorConnectionInfo(state.NextId(), endpoint.Feed, endpoint.Path, messagePack, state.Time.GetUtcNow());
    }

    public StreamEndpoint Endpoint { get; }

    public bool MessagePack { get; }

    public SimulatorConnectionInfo Info { get; }

    /// <summary>The key this connection holds a place under; set by <see cref="ConnectionRegistry.TryClaim"/>.</summary>
    public string? ClaimedKeyId { get; set; }

    /// <summary>Taken by the market while it builds this client's frames and by subscription changes, so a
    /// reply and the data it governs reach the queue in the order the client expects.</summary>
    public Lock SubscriptionLock { get; } = new();

    public SubscriptionSet Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>Neither closing nor dropped.</summary>
    public bool IsLive => Volatile.Read(ref _lifecycle) == StateOpen;

    /// <summary>Open, authenticated and not being closed: the market may send it data.</summary>
    public bool WantsData => _authenticated && Volatile.Read(ref _lifecycle) == StateOpen;

    /// <summary>Order-book symbols this client has had a full book (reset) for, and in which tick; guarded by <see cref="SubscriptionLock"/>.</summary>
    public Dictionary<string, long> BookResets { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _state.Counters.ConnectionOpened(Info);
        try
        {
            if (Endpoint.IsMessagePackOnly && !MessagePack)
            {
                // The options streams refuse a JSON session outright, in JSON since that is what the client reads.
                SendError(ProtocolError.OptionsNeedMessagePack, close: true);
            }
            else
            {
                // "connected" is queued before anything is read, so auth sent early is answered after it.
                SendControl(e => ControlMessages.Success(e, "connected"));
                AuthenticateFromHeaders();
            }

            var sender = SendLoopAsync(lifetime.Token);
            var authTimeout = AuthTimeoutAsync(lifetime.Token);
            try
            {
                await ReceiveLoopAsync(lifetime.Token).ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref _lifecycle, StateClosing);
                _outgoing.Writer.TryComplete();
                await lifetime.CancelAsync().ConfigureAwait(false);
                await IgnoreFailures(sender).ConfigureAwait(false);
                await IgnoreFailures(authTimeout).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (SubscriptionLock)
            {
                _finished = true;
                _controlEncoder.Dispose();
            }

            DrainQueue();
            if (_authenticated && !_closedCleanly && ClaimedKeyId is { } keyId)
            {
                // Like the real service, which keeps a vanished session for a while and answers 406 meanwhile.
                var linger = _abortLinger > _state.Options.DeadSessionLinger ? _abortLinger : _state.Options.DeadSessionLinger;
                _state.DeadSessions.Add(keyId, Endpoint.Path, linger);
            }

            _state.Counters.ConnectionClosed(Info);
        }
    }

    /// <summary>Drops the connection with no close handshake.</summary>
    /// <param name="linger">How long its session, if authenticated, still counts against its key (at least
    /// <see cref="AlpacaSimulatorOptions.DeadSessionLinger"/>).</param>
    public void Abort(TimeSpan linger)
    {
        _abortLinger = linger;
        _closedCleanly = false;
        Volatile.Write(ref _lifecycle, StateClosing);
        try
        {
            _context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The connection ended by itself between the registry's snapshot and now (Kestrel has disposed its
            // request): there is nothing left to drop. Seen in CI: a SendError(close: true) racing the dispose's drop.
        }
    }

    private async Task AuthTimeoutAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(_state.Options.AuthTimeout, _state.Time, cancellationToken).ConfigureAwait(false);
        if (!_authenticated)
        {
            SendError(ProtocolError.AuthTimeout, close: true);
        }
    }

    private static async Task IgnoreFailures(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            // The connection is over; how its loops ended does not matter any more.
        }
    }
}

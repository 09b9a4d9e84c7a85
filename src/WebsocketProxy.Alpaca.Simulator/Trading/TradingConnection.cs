using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using WebsocketProxy.Alpaca.Simulator.Connections;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// One session of the trading stream (<c>/stream</c>), as paper trading serves it: the client authenticates
/// (<c>authenticate</c> with key and secret or an OAuth token, or the older <c>auth</c>), then <c>listen</c>s to
/// <c>trade_updates</c> and gets its account's order events. Every frame is binary and holds JSON (or
/// MessagePack when the handshake asked for it). A sender drains the session's own queue, so a client that
/// stops reading holds back nobody else.
/// </summary>
internal sealed partial class TradingConnection
{
    private const int StateOpen = 0;
    private const int StateClosing = 1;

    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly SimulatorState _state;
    private readonly System.Threading.Channels.Channel<byte[]?> _outgoing =
        System.Threading.Channels.Channel.CreateUnbounded<byte[]?>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });

    private int _lifecycle = StateOpen;
    private long _queuedBytes;
    private volatile bool _listening;
    private string? _keyId;

    public TradingConnection(SimulatorState state, WebSocket socket, HttpContext context, bool messagePack)
    {
        _state = state;
        _socket = socket;
        _context = context;
        MessagePack = messagePack;
        Info = new SimulatorTradingConnectionInfo(state.NextId(), messagePack, state.Time.GetUtcNow());
    }

    public bool MessagePack { get; }

    public SimulatorTradingConnectionInfo Info { get; }

    /// <summary>The account this session authenticated as; null before.</summary>
    public string? KeyId => Volatile.Read(ref _keyId);

    /// <summary>Authenticated and listening to <c>trade_updates</c>.</summary>
    public bool IsListening => _listening && Volatile.Read(ref _lifecycle) == StateOpen;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sender = SendLoopAsync(lifetime.Token);
        // Counted once the timeout runs, so a test that sees the session and moves a fake clock moves it too.
        var authTimeout = AuthTimeoutAsync(lifetime.Token);
        _state.Counters.TradingConnectionOpened(Info);
        try
        {
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
            _state.Counters.TradingConnectionClosed(Info);
        }
    }

    /// <summary>Queues one trade update (JSON) for this session, in the session's codec.</summary>
    public void SendTradeUpdate(byte[] json)
    {
        Send(json);
        _state.Counters.TradeUpdateQueued();
    }

    /// <summary>Drops the session with no close handshake, like a network failure.</summary>
    public void Abort()
    {
        Volatile.Write(ref _lifecycle, StateClosing);
        try
        {
            _context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // It ended by itself meanwhile.
        }
    }

    private void Send(byte[] json)
    {
        if (Volatile.Read(ref _lifecycle) != StateOpen)
        {
            return;
        }

        var payload = MessagePack ? JsonToMessagePack.Convert(json) : json;
        if (Interlocked.Add(ref _queuedBytes, payload.Length) > _state.Options.SlowClientBufferLimit)
        {
            // A client that does not read its order events is dropped rather than buffered without end.
            _state.Counters.SlowClientDisconnected();
            Abort();
            return;
        }

        _outgoing.Writer.TryWrite(payload);
    }

    /// <summary>Sends what is queued, then closes.</summary>
    private void BeginClose()
    {
        if (Interlocked.CompareExchange(ref _lifecycle, StateClosing, StateOpen) == StateOpen)
        {
            _outgoing.Writer.TryWrite(null);
        }
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var payload in _outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (payload is null)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "closed by the server", cancellationToken).ConfigureAwait(false);
                return;
            }

            // Paper trading sends binary frames, even for JSON.
            await _socket.SendAsync(payload, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _queuedBytes, -payload.Length);
        }
    }

    private async Task AuthTimeoutAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(_state.Options.AuthTimeout, _state.Time, cancellationToken).ConfigureAwait(false);
        if (KeyId is null)
        {
            Send(TradingMessages.Unauthorized("authenticate", "authentication timeout"));
            BeginClose();
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
            // The session is over; how its loops ended does not matter any more.
        }
    }
}

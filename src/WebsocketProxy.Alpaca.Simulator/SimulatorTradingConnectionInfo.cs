namespace WebsocketProxy.Alpaca.Simulator;

/// <summary>What the simulator knows of one trading-stream (<c>/stream</c>) session: a live view, safe to read from any thread.</summary>
public sealed class SimulatorTradingConnectionInfo
{
    private readonly List<string> _received = [];
    private readonly Lock _lock = new();
    private IReadOnlyList<string> _streams = [];
    private string? _keyId;
    private volatile bool _isOpen = true;

    internal SimulatorTradingConnectionInfo(long id, bool isMessagePack, DateTimeOffset acceptedAt)
    {
        Id = id;
        IsMessagePack = isMessagePack;
        AcceptedAt = acceptedAt;
    }

    /// <summary>Numbered from 1 in the order trading sessions were accepted.</summary>
    public long Id { get; }

    /// <summary>When the WebSocket was accepted, by the simulator's <see cref="AlpacaSimulatorOptions.TimeProvider"/>.</summary>
    public DateTimeOffset AcceptedAt { get; }

    /// <summary>Whether the handshake asked for MessagePack (<c>Content-Type: application/msgpack</c>).</summary>
    public bool IsMessagePack { get; }

    /// <summary>The key id (the account) the session authenticated as, once it has.</summary>
    public string? KeyId
    {
        get => Volatile.Read(ref _keyId);
        internal set => Volatile.Write(ref _keyId, value);
    }

    /// <summary>Whether the session has authenticated.</summary>
    public bool IsAuthenticated => KeyId is not null;

    /// <summary>Whether the session is still open.</summary>
    public bool IsOpen
    {
        get => _isOpen;
        internal set => _isOpen = value;
    }

    /// <summary>The streams the session listens to, as the last <c>listening</c> reply stated them.</summary>
    public IReadOnlyList<string> Streams
    {
        get => Volatile.Read(ref _streams);
        internal set => Volatile.Write(ref _streams, value);
    }

    /// <summary>Every message the client sent, in order, as JSON text; secrets and tokens are masked.</summary>
    public IReadOnlyList<string> ReceivedMessages
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    internal void AddReceived(string message)
    {
        lock (_lock)
        {
            _received.Add(message);
        }
    }
}

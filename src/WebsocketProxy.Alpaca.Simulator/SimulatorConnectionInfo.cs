namespace WebsocketProxy.Alpaca.Simulator;

/// <summary>What the simulator knows of one connection it accepted: a live view, safe to read from any thread.</summary>
public sealed class SimulatorConnectionInfo
{
    private readonly List<string> _received = [];
    private readonly Lock _lock = new();
    private IReadOnlyDictionary<string, IReadOnlyList<string>> _subscriptions = new Dictionary<string, IReadOnlyList<string>>();
    private string? _keyId;
    private volatile bool _isOpen;

    internal SimulatorConnectionInfo(long id, AlpacaSimulatorFeed feed, string path, bool isMessagePack, DateTimeOffset acceptedAt)
    {
        Id = id;
        AcceptedAt = acceptedAt;
        Feed = feed;
        Path = path;
        IsMessagePack = isMessagePack;
        _isOpen = true;
    }

    /// <summary>Numbered from 1 in the order connections were accepted.</summary>
    public long Id { get; }

    /// <summary>When the WebSocket was accepted, by the simulator's <see cref="AlpacaSimulatorOptions.TimeProvider"/>: the spacing of reconnects.</summary>
    public DateTimeOffset AcceptedAt { get; }

    /// <summary>The feed the connection is on.</summary>
    public AlpacaSimulatorFeed Feed { get; }

    /// <summary>The request path, such as <c>/v2/iex</c>.</summary>
    public string Path { get; }

    /// <summary>Whether the handshake asked for MessagePack.</summary>
    public bool IsMessagePack { get; }

    /// <summary>The key id the connection authenticated with (for an OAuth token, its account's), once it has.</summary>
    public string? KeyId
    {
        get => Volatile.Read(ref _keyId);
        internal set => Volatile.Write(ref _keyId, value);
    }

    /// <summary>Whether the connection has authenticated.</summary>
    public bool IsAuthenticated => KeyId is not null;

    /// <summary>Whether the connection is still open.</summary>
    public bool IsOpen
    {
        get => _isOpen;
        internal set => _isOpen = value;
    }

    /// <summary>Every message the client sent, in order, as JSON text (MessagePack is shown converted to JSON).</summary>
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

    /// <summary>The current subscriptions, channel name to symbols, as the last subscription reply stated them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Subscriptions
    {
        get => Volatile.Read(ref _subscriptions);
        internal set => Volatile.Write(ref _subscriptions, value);
    }

    internal void AddReceived(string message)
    {
        lock (_lock)
        {
            _received.Add(message);
        }
    }
}

namespace WebsocketProxy.Alpaca.Simulator;

/// <summary>What the simulator has seen and sent, for tests to assert on and wait for.</summary>
public sealed class AlpacaSimulatorCounters
{
    private readonly List<SimulatorConnectionInfo> _connections = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = NewSignal();
    private long _connectionsSeen;
    private long _connectionsCurrent;
    private long _framesSent;
    private long _messagesSent;
    private long _slowClientDisconnects;
    private long _marketTicks;
    private readonly List<SimulatorTradingConnectionInfo> _tradingConnections = [];
    private long _tradingConnectionsSeen;
    private long _tradingConnectionsCurrent;
    private long _orderRequests;
    private long _ordersSubmitted;
    private long _tradeUpdatesMade;
    private long _tradeUpdatesSent;
    private int _waiters;

    internal AlpacaSimulatorCounters()
    {
    }

    /// <summary>WebSocket connections accepted since start.</summary>
    public long ConnectionsSeen => Interlocked.Read(ref _connectionsSeen);

    /// <summary>WebSocket connections open now.</summary>
    public long ConnectionsCurrent => Interlocked.Read(ref _connectionsCurrent);

    /// <summary>Frames sent to clients, control frames included.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary>Messages sent to clients (a frame carries one or more).</summary>
    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    /// <summary>Connections dropped because they stopped reading (error 407).</summary>
    public long SlowClientDisconnects => Interlocked.Read(ref _slowClientDisconnects);

    /// <summary>
    /// Market steps completed: each produces what became due on the clock and sends it. With a fake clock,
    /// waiting for this to pass a value is how a test knows the market has caught up with an advance.
    /// </summary>
    public long MarketTicks => Interlocked.Read(ref _marketTicks);

    /// <summary>Trading-stream (<c>/stream</c>) sessions accepted since start; they are not in <see cref="ConnectionsSeen"/>.</summary>
    public long TradingConnectionsSeen => Interlocked.Read(ref _tradingConnectionsSeen);

    /// <summary>Trading-stream sessions open now.</summary>
    public long TradingConnectionsCurrent => Interlocked.Read(ref _tradingConnectionsCurrent);

    /// <summary>Every trading-stream session accepted since start, open or closed, in order.</summary>
    public IReadOnlyList<SimulatorTradingConnectionInfo> TradingConnections
    {
        get
        {
            lock (_lock)
            {
                return [.. _tradingConnections];
            }
        }
    }

    /// <summary><c>POST /v2/orders</c> requests from authenticated clients, refused ones included.</summary>
    public long OrderRequests => Interlocked.Read(ref _orderRequests);

    /// <summary>Orders accepted (answered with an order); each then makes trade updates.</summary>
    public long OrdersSubmitted => Interlocked.Read(ref _ordersSubmitted);

    /// <summary>Trade updates made (one per order event, whoever listens).</summary>
    public long TradeUpdatesMade => Interlocked.Read(ref _tradeUpdatesMade);

    /// <summary>Trade updates queued to trading-stream sessions (one per event and listening session).</summary>
    public long TradeUpdatesSent => Interlocked.Read(ref _tradeUpdatesSent);

    /// <summary>Every connection accepted since start, open or closed, in order.</summary>
    public IReadOnlyList<SimulatorConnectionInfo> Connections
    {
        get
        {
            lock (_lock)
            {
                return [.. _connections];
            }
        }
    }

    /// <summary>
    /// Completes once <paramref name="condition"/> holds, re-checking it whenever a counter or a connection
    /// changes; the way for a test to synchronise with the server without sleeping.
    /// </summary>
    /// <param name="condition">The state to wait for.</param>
    /// <param name="cancellationToken">Bounds the wait.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public async Task WaitUntilAsync(Func<AlpacaSimulatorCounters, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        Interlocked.Increment(ref _waiters);
        try
        {
            while (true)
            {
                var signal = Volatile.Read(ref _changed);
                if (condition(this))
                {
                    return;
                }

                await signal.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiters);
        }
    }

    internal void ConnectionOpened(SimulatorConnectionInfo info)
    {
        lock (_lock)
        {
            _connections.Add(info);
        }

        Interlocked.Increment(ref _connectionsSeen);
        Interlocked.Increment(ref _connectionsCurrent);
        Changed();
    }

    internal void ConnectionClosed(SimulatorConnectionInfo info)
    {
        info.IsOpen = false;
        Interlocked.Decrement(ref _connectionsCurrent);
        Changed();
    }

    internal void TradingConnectionOpened(SimulatorTradingConnectionInfo info)
    {
        lock (_lock)
        {
            _tradingConnections.Add(info);
        }

        Interlocked.Increment(ref _tradingConnectionsSeen);
        Interlocked.Increment(ref _tradingConnectionsCurrent);
        Changed();
    }

    internal void TradingConnectionClosed(SimulatorTradingConnectionInfo info)
    {
        info.IsOpen = false;
        Interlocked.Decrement(ref _tradingConnectionsCurrent);
        Changed();
    }

    internal void OrderRequested()
    {
        Interlocked.Increment(ref _orderRequests);
        Changed();
    }

    internal void OrderSubmitted()
    {
        Interlocked.Increment(ref _ordersSubmitted);
        Changed();
    }

    internal void TradeUpdateMade()
    {
        Interlocked.Increment(ref _tradeUpdatesMade);
        Changed();
    }

    internal void TradeUpdateQueued()
    {
        Interlocked.Increment(ref _tradeUpdatesSent);
        Changed();
    }

    internal void FrameSent(int messages)
    {
        Interlocked.Increment(ref _framesSent);
        Interlocked.Add(ref _messagesSent, messages);
        Changed();
    }

    internal void MarketTicked()
    {
        Interlocked.Increment(ref _marketTicks);
        Changed();
    }

    internal void SlowClientDisconnected()
    {
        Interlocked.Increment(ref _slowClientDisconnects);
        Changed();
    }

    /// <summary>Wakes waiters; costs nothing when nobody waits, which matters on the data path.</summary>
    internal void Changed()
    {
        if (Volatile.Read(ref _waiters) == 0)
        {
            return;
        }

        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

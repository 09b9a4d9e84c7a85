using WebsocketProxy.Alpaca.Simulator.Faults;
using WebsocketProxy.Alpaca.Simulator.Market;

namespace WebsocketProxy.Alpaca.Simulator.Connections;

/// <summary>What every connection of one simulator shares.</summary>
internal sealed class SimulatorState
{
    private long _nextId;

    public SimulatorState(AlpacaSimulatorOptions options, MarketEngine market)
    {
        Options = options;
        Market = market;
        Registry = new ConnectionRegistry(this);
        RefuseAuth = new SessionRule(options.TimeProvider);
        CloseAfterAuth = new SessionRule(options.TimeProvider);
        RefuseTradingAuth = new SessionRule(options.TimeProvider);
        DeadSessions = new DeadSessions(options.TimeProvider);
    }

    public AlpacaSimulatorOptions Options { get; }

    public TimeProvider Time => Options.TimeProvider;

    public MarketEngine Market { get; }

    public ConnectionRegistry Registry { get; }

    public AlpacaSimulatorCounters Counters { get; } = new();

    /// <summary>Shut while the "stop reading" fault is on.</summary>
    public AsyncGate Reading { get; } = new();

    /// <summary>Shut while the "silent" fault is on: no byte moves on any TCP connection.</summary>
    public AsyncGate Transport { get; } = new();

    /// <summary>Authentications answered with an error and a close instead of "authenticated".</summary>
    public SessionRule RefuseAuth { get; }

    /// <summary>Sessions closed a while after they authenticated.</summary>
    public SessionRule CloseAfterAuth { get; }

    /// <summary>Trading-stream authentications answered "unauthorized" and closed.</summary>
    public SessionRule RefuseTradingAuth { get; }

    /// <summary>Abruptly ended sessions that still count against their key.</summary>
    public DeadSessions DeadSessions { get; }

    public long NextId() => Interlocked.Increment(ref _nextId);

}

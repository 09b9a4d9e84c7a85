using WebsocketProxy.Alpaca.Simulator.Market;

namespace WebsocketProxy.Alpaca.Simulator.Connections;

/// <summary>What every connection of one simulator shares.</summary>
internal sealed class SimulatorState
{
    private long _nextId;
    private long _refuseUntilTimestamp = long.MinValue;

    public SimulatorState(AlpacaSimulatorOptions options, MarketEngine market)
    {
        Options = options;
        Market = market;
    }

    public AlpacaSimulatorOptions Options { get; }

    public TimeProvider Time => Options.TimeProvider;

    public MarketEngine Market { get; }

    public ConnectionRegistry Registry { get; } = new();

    public AlpacaSimulatorCounters Counters { get; } = new();

    /// <summary>Shut while the "stop reading" fault is on.</summary>
    public AsyncGate Reading { get; } = new();

    public long NextId() => Interlocked.Increment(ref _nextId);

    public void RefuseUntil(TimeSpan period) =>
        Interlocked.Exchange(ref _refuseUntilTimestamp, Time.GetTimestamp() + (long)(period.TotalSeconds * Time.TimestampFrequency));

    public bool IsRefusing => Time.GetTimestamp() < Interlocked.Read(ref _refuseUntilTimestamp);
}

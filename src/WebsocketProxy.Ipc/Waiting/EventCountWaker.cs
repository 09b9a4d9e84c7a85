using WebsocketProxy.Ipc.Platform;

namespace WebsocketProxy.Ipc.Waiting;

/// <summary>
/// An eventcount with the strategy that sleeps on it, made once per ring so that a cancellable wait registers a
/// cached callback on this object: a wait then allocates nothing (a closure per wait cost about 150 bytes, which a
/// reader woken for every message paid per message).
/// </summary>
internal sealed class EventCountWaker(EventCount events, IWaitStrategy strategy)
{
    /// <summary>The cancellation callback: wakes every sleeper so a cancelled wait returns promptly.</summary>
    public static readonly Action<object?> WakeAll = static state => ((EventCountWaker)state!).NotifyAll();

    public EventCount Events => events;

    public IWaitStrategy Strategy => strategy;

    private void NotifyAll() => events.NotifyAll(strategy);
}

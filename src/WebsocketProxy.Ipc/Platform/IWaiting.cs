namespace WebsocketProxy.Ipc.Platform;

/// <summary>Sleeping on, and waking sleepers of, 32-bit words in shared regions.</summary>
internal interface IWaiting
{
    /// <summary>How a writer wakes sleepers on words in <paramref name="region"/>: it must wake every kind of sleeper the back-end has.</summary>
    IWaitStrategy Waker(IMappedRegion region);

    /// <summary>How a reader of <paramref name="region"/> sleeps.</summary>
    /// <exception cref="PlatformNotSupportedException">The back-end has no such strategy.</exception>
    IWaitStrategy Sleeper(IMappedRegion region, WaitStrategyKind kind);
}

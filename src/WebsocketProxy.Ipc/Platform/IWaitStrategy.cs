namespace WebsocketProxy.Ipc.Platform;

/// <summary>How a sleeper blocks on, and a writer wakes, a 32-bit word in shared memory.</summary>
internal unsafe interface IWaitStrategy
{
    /// <summary>Blocks while <paramref name="word"/> equals <paramref name="observed"/>, for at most <paramref name="timeout"/>; may return early.</summary>
    void Sleep(int* word, int observed, TimeSpan timeout);

    /// <summary>Wakes every sleeper on <paramref name="word"/>; the caller has already changed it.</summary>
    void Wake(int* word);
}

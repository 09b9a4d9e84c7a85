using System.Runtime.Versioning;


namespace WebsocketProxy.Ipc.Platform.Linux;

/// <summary>Sleeps in the kernel on the shared word (Linux futex, shared across processes).</summary>
[SupportedOSPlatform("linux")]
internal sealed unsafe class FutexWaitStrategy : IWaitStrategy
{
    public static FutexWaitStrategy Instance { get; } = new();

    private FutexWaitStrategy()
    {
    }

    public void Sleep(int* word, int observed, TimeSpan timeout) => Futex.Wait(word, observed, timeout);

    public void Wake(int* word) => Futex.Wake(word);
}

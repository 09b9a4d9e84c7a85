namespace WebsocketProxy.Ipc.Waiting;

/// <summary>Resolved waiting parameters shared by the ring types.</summary>
internal sealed record WaitSettings(int SpinCount, TimeSpan SleepSlice, TimeProvider TimeProvider)
{
    public static WaitSettings Default { get; } = new(32, TimeSpan.FromMilliseconds(100), TimeProvider.System);
}

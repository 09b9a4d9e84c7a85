using System.Runtime.Versioning;
using WebsocketProxy.Ipc.Platform.Portable;

namespace WebsocketProxy.Ipc.Platform.MacOS;

/// <summary><c>os_sync_wait_on_address</c> on macOS 14.4 and later, else polling with backoff (<see cref="MacOSWaitChoice"/>).</summary>
[SupportedOSPlatform("macos")]
internal sealed class MacOSWaiting : IWaiting
{
    public static MacOSWaiting Instance { get; } = new();

    private MacOSWaiting()
    {
    }

    /// <summary>os_sync's wake where it exists (harmless to pollers, who see the word change on their own).</summary>
    public IWaitStrategy Waker(IMappedRegion region) => (IWaitStrategy?)OsSyncWaitStrategy.TryCreate() ?? BackoffWaitStrategy.Instance;

    public IWaitStrategy Sleeper(IMappedRegion region, WaitStrategyKind kind)
    {
        var osSync = OsSyncWaitStrategy.TryCreate();
        return MacOSWaitChoice.Choose(osSync is not null, kind) switch
        {
            MacOSWaitChoice.Sleeper.OsSync => osSync!,
            MacOSWaitChoice.Sleeper.Backoff => BackoffWaitStrategy.Instance,
            _ => PollingWaitStrategy.Default,
        };
    }
}

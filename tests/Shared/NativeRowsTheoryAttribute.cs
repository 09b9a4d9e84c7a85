using WebsocketProxy.Ipc;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// A theory whose every row uses the native back-end (<see cref="BackendDataAttribute"/> rows naming it): skipped, with
/// the reason, where the native back-end is not tested (Windows and macOS with the portable back-end forced), since
/// xunit fails a theory left without rows.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NativeRowsTheoryAttribute : TheoryAttribute
{
    public NativeRowsTheoryAttribute()
    {
        if (!AllBackendsAttribute.Backends.Contains(IpcBackend.Native))
        {
            Skip = $"Uses the native back-end, not tested on this system while {IpcBackendSelection.EnvironmentVariable} forces the portable one.";
        }
    }
}

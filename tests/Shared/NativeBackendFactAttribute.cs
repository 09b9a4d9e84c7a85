using WebsocketProxy.Ipc;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// A fact about the native back-end itself (its paths, or what only it can prove, such as which process holds a lease):
/// skipped, with the reason in the test report, when <see cref="IpcBackendSelection.EnvironmentVariable"/> makes the
/// portable back-end the default, so that the whole suite can run with the portable back-end forced.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NativeBackendFactAttribute : FactAttribute, IPlatformBound
{
    private readonly string _why;

    public NativeBackendFactAttribute(string why)
    {
        _why = why;
        Skip = NativeBackendOnly.SkipReason(why);
    }

    /// <summary>
    /// The systems whose native back-end the test is about (it is skipped on the others; mark it
    /// <c>[SupportedOSPlatform]</c> for the same systems); every system by default.
    /// </summary>
    public TestPlatforms RunsOn
    {
        get;
        init
        {
            field = value;
            Skip = PlatformSkip.Reason(value, _why) ?? Skip;
        }
    } = TestPlatforms.All;
}

/// <summary>Why a native back-end test does not apply under the environment's default back-end, or null when it does.</summary>
internal static class NativeBackendOnly
{
    public static string? SkipReason(string why) => IpcBackendSelection.Default == IpcBackend.Native
        ? null
        : $"Native back-end test skipped ({why}): {IpcBackendSelection.EnvironmentVariable} makes the portable back-end the default.";
}

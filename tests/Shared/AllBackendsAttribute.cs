using System.Reflection;
using WebsocketProxy.Ipc;
using Xunit.Sdk;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// Runs a theory once per <see cref="IpcBackend"/> (its first parameter), so the behaviour the rings, the broadcast ring
/// and the leases promise is shown not to depend on the platform layer under them.
/// </summary>
/// <remarks>
/// Off Linux, with <see cref="IpcBackendSelection.EnvironmentVariable"/> forcing the portable back-end, only the portable
/// row is made: that is how CI runs Windows and macOS, whose native back-ends have never run (their own CI jobs run
/// both rows, and may fail). On Linux both rows always run.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllBackendsAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => Backends.Select(backend => new object[] { backend });

    /// <summary>The back-ends the tests run on here.</summary>
    public static IReadOnlyList<IpcBackend> Backends { get; } =
        OperatingSystem.IsLinux() || IpcBackendSelection.Default == IpcBackend.Native
            ? Enum.GetValues<IpcBackend>()
            : [IpcBackend.Portable];
}

using System.Reflection;
using WebsocketProxy.Ipc;
using Xunit.Sdk;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// Runs a theory once per <see cref="IpcBackend"/> (its first parameter), so the behaviour the rings, the broadcast ring
/// and the leases promise is shown not to depend on the platform layer under them.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllBackendsAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => Enum.GetValues<IpcBackend>().Select(backend => new object[] { backend });
}

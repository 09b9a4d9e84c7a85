using System.Reflection;
using WebsocketProxy.Ipc;
using Xunit.Sdk;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// <see cref="InlineDataAttribute"/> for a row that names back-ends: made only when every <see cref="IpcBackend"/> in
/// it is one the tests run on here (<see cref="AllBackendsAttribute.Backends"/>), so that a native row does not run
/// on Windows or macOS when CI forces the portable back-end there.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class BackendDataAttribute(params object[] data) : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        data.OfType<IpcBackend>().All(AllBackendsAttribute.Backends.Contains) ? [data] : [];
}

namespace WebsocketProxy.Ipc;

/// <summary>
/// How a process picks its <see cref="IpcBackend"/> when its options do not say: the
/// <c>WEBSOCKET_PROXY_IPC_BACKEND</c> environment variable (<c>native</c> or <c>portable</c>), else
/// <see cref="IpcBackend.Native"/>. A client passes its choice to the proxy it starts.
/// </summary>
public static class IpcBackendSelection
{
    /// <summary>The environment variable read by <see cref="Default"/>.</summary>
    public const string EnvironmentVariable = "WEBSOCKET_PROXY_IPC_BACKEND";

    private static readonly Lazy<IpcBackend> FromEnvironment = new(() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? Parse(value, $"the environment variable {EnvironmentVariable}")
            : IpcBackend.Native);

    /// <summary>The back-end of this process when nothing else is said: read once from <see cref="EnvironmentVariable"/>.</summary>
    /// <exception cref="ArgumentException">The variable holds something other than <c>native</c> or <c>portable</c>.</exception>
    public static IpcBackend Default => FromEnvironment.Value;

    /// <summary><paramref name="backend"/>, or <see cref="Default"/> when it is null.</summary>
    /// <param name="backend">An explicit choice (from options), if any.</param>
    /// <returns>The back-end to use.</returns>
    public static IpcBackend Resolve(IpcBackend? backend) => backend ?? Default;

    /// <summary>Reads a back-end name (<c>native</c> or <c>portable</c>, any case).</summary>
    /// <param name="value">The name.</param>
    /// <returns>The back-end.</returns>
    /// <exception cref="ArgumentException">Any other value.</exception>
    public static IpcBackend Parse(string value) => Parse(value, "an IPC back-end name");

    /// <summary>The name <see cref="Parse(string)"/> reads: <c>native</c> or <c>portable</c>.</summary>
    /// <param name="backend">The back-end.</param>
    /// <returns>Its lower-case name.</returns>
    public static string NameOf(IpcBackend backend) => backend switch
    {
        IpcBackend.Native => "native",
        IpcBackend.Portable => "portable",
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, "Unknown IPC back-end."),
    };

    private static IpcBackend Parse(string value, string source) => value.Trim().ToUpperInvariant() switch
    {
        "NATIVE" => IpcBackend.Native,
        "PORTABLE" => IpcBackend.Portable,
        _ => throw new ArgumentException($"Unknown IPC back-end '{value}' in {source}: use 'native' or 'portable'.", nameof(value)),
    };
}

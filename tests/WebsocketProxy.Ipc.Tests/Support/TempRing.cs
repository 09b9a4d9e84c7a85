namespace WebsocketProxy.Ipc.Tests.Support;

/// <summary>A unique per-test IPC name; deletes every file derived from it on dispose.</summary>
internal sealed class TempRing : IDisposable
{
    /// <summary>On the environment's default back-end (<see cref="IpcBackendSelection.Default"/>).</summary>
    public TempRing(string label = "t")
        : this(IpcBackendSelection.Default, label)
    {
    }

    public TempRing(IpcBackend backend, string label = "t")
    {
        Backend = backend;
        Name = $"test-{label}-{Guid.NewGuid():N}";
        Path = IpcPaths.ForUser(Name, backend);
    }

    public IpcBackend Backend { get; }

    public string Name { get; }

    public string Path { get; }

    public string Sibling(string suffix) => IpcPaths.ForUser(Name + suffix, Backend);

    public void Dispose()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, System.IO.Path.GetFileName(Path) + "*"))
        {
            File.Delete(file);
        }
    }
}

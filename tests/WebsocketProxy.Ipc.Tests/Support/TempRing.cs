namespace WebsocketProxy.Ipc.Tests.Support;

/// <summary>A unique per-test IPC name; deletes every file derived from it on dispose.</summary>
internal sealed class TempRing : IDisposable
{
    public TempRing(string label = "t")
    {
        Name = $"test-{label}-{Guid.NewGuid():N}";
        Path = IpcPaths.ForUser(Name);
    }

    public string Name { get; }

    public string Path { get; }

    public string Sibling(string suffix) => IpcPaths.ForUser(Name + suffix);

    public void Dispose()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        foreach (var file in Directory.EnumerateFiles(directory, System.IO.Path.GetFileName(Path) + "*"))
        {
            File.Delete(file);
        }
    }
}

namespace WebsocketProxy.Ipc.Platform;

/// <summary>A region shared between processes, mapped read-write at a stable address until disposed.</summary>
internal unsafe interface IMappedRegion : IDisposable
{
    /// <summary>The name the region was opened or published under.</summary>
    string Path { get; }

    /// <summary>Its length in bytes, as mapped.</summary>
    long Length { get; }

    /// <summary>Its first byte.</summary>
    byte* Pointer { get; }
}

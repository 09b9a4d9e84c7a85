namespace WebsocketProxy.Ipc.Platform;

/// <summary>Creating and opening named regions that only this user can reach.</summary>
internal interface ISharedMemory
{
    /// <summary>
    /// Creates a zero-filled region of <paramref name="length"/> bytes, lets <paramref name="initialize"/> fill it while
    /// nobody else can see it, then publishes it under <paramref name="path"/>, atomically replacing an earlier region
    /// (whose mappings stay valid for the processes holding them).
    /// </summary>
    /// <exception cref="IOException">No space, or the region cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not private to this user.</exception>
    IMappedRegion CreatePublished(string path, long length, Action<IMappedRegion> initialize);

    /// <summary>Maps the region published under <paramref name="path"/>; null when there is none (or it is empty).</summary>
    /// <exception cref="UnauthorizedAccessException">It, or its directory, is not private to this user.</exception>
    IMappedRegion? OpenExisting(string path);
}

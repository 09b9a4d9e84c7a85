namespace WebsocketProxy.Ipc;

/// <summary>What a <c>TryRead</c> call found.</summary>
public enum ReadStatus
{
    /// <summary>Nothing new yet.</summary>
    Empty,

    /// <summary>A whole message was appended to the destination.</summary>
    Message,

    /// <summary>The reader was overrun; <see cref="ReadResult.LostCount"/> messages were skipped and reading resumes at the live tail.</summary>
    Lost,

    /// <summary>The broadcast writer restarted (new epoch): call <see cref="BroadcastReader.Reattach"/>.</summary>
    WriterRestarted,

    /// <summary>
    /// The ring held bytes that are not a well-formed record (damaged memory or a faulty writer). A message ring skips
    /// to the next valid record; a broadcast reader counts the skipped messages as lost and resumes at the live tail.
    /// </summary>
    Corrupt,
}

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

    /// <summary>A message ring held bytes that are not a well-formed record; they were skipped and reading resumes at the next valid record.</summary>
    Corrupt,
}

namespace WebsocketProxy.Server.Upstream;

/// <summary>Which kind of refusal ended an attempt before readiness (fatal markers make the error fatal instead).</summary>
internal enum UpstreamRefusal
{
    /// <summary>Not a refusal: a network failure, a timeout, a close.</summary>
    None,

    /// <summary>A <c>RetryAfterDropMarkers</c> match: fatal on the first connection, "wait and retry" within the window after a drop.</summary>
    RetryAfterDrop,

    /// <summary>A <c>RefusalMarker</c> match no other marker explains: retried a bounded number of times in a row.</summary>
    Refused,
}

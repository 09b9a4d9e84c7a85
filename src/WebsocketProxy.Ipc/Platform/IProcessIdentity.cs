namespace WebsocketProxy.Ipc.Platform;

/// <summary>Who this process runs as, and what may be done to another process of this user.</summary>
internal interface IProcessIdentity
{
    /// <summary>How this user is named in the back-end's root directory (a uid, a user name, ...).</summary>
    string UserKey { get; }

    /// <summary>
    /// Why <paramref name="pid"/> must not be terminated as the hung holder of the lease at <paramref name="leasePath"/>;
    /// null only when it is proven to be a process of this user, not this process, holding that lease open while it is held.
    /// </summary>
    string? RefuseToTerminate(int pid, string leasePath);
}

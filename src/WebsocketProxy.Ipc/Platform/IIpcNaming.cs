namespace WebsocketProxy.Ipc.Platform;

/// <summary>Where a back-end keeps a user's files and which names it accepts.</summary>
internal interface IIpcNaming
{
    /// <summary>This user's directory for the back-end; it may not exist until <see cref="EnsureRootDirectory"/>.</summary>
    string RootDirectory { get; }

    /// <summary>The longest name (<see cref="IpcPaths.ForUser(string)"/>) the back-end accepts.</summary>
    int MaxNameLength { get; }

    /// <summary>Creates <see cref="RootDirectory"/> privately when missing and checks it is private to this user.</summary>
    /// <exception cref="UnauthorizedAccessException">Another user took the path, or it is open to others.</exception>
    void EnsureRootDirectory();

    /// <summary>Whether <paramref name="path"/> lies directly in <see cref="RootDirectory"/>.</summary>
    bool Holds(string path);
}

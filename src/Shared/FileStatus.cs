namespace WebsocketProxy.Shared;

/// <summary>What <see cref="FileSecurity"/> learnt of a file: owner and group ids, permission bits, whether it is a regular file.</summary>
internal readonly record struct FileStatus(uint Owner, uint Group, UnixFileMode Mode, bool IsRegularFile);

namespace WebsocketProxy.Tests.Shared;

/// <summary>The operating systems a test can run on (see <see cref="PlatformFactAttribute"/>).</summary>
[Flags]
internal enum TestPlatforms
{
    Linux = 1,
    MacOS = 2,
    Windows = 4,

    /// <summary>Linux and macOS: POSIX file modes, signals (with each system's numbers).</summary>
    Unix = Linux | MacOS,

    All = Linux | MacOS | Windows,
}

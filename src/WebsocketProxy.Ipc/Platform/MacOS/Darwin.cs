using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.MacOS;

/// <summary>The few libSystem entry points the macOS back-end needs beyond the POSIX ones it shares with Linux.</summary>
[SupportedOSPlatform("macos")]
internal static unsafe partial class Darwin
{
    /// <summary>libSystem, which every macOS process has loaded.</summary>
    public const string LibSystem = "/usr/lib/libSystem.B.dylib";

    /// <summary><c>_CS_DARWIN_USER_TEMP_DIR</c>: the user's private temporary directory (<c>/var/folders/…/T/</c>).</summary>
    private const int UserTemporaryDirectory = 65537;

    /// <summary>
    /// The user's private temporary directory, from <c>confstr(3)</c>: the system derives it from the user (not from
    /// <c>$TMPDIR</c>), creates it on demand, and keeps it 0700 in a parent only the user can enter.
    /// </summary>
    /// <returns>The directory, or null when the system cannot say.</returns>
    public static string? UserTemporaryDirectoryPath()
    {
        var length = Confstr(UserTemporaryDirectory, null, 0);
        if (length is 0 or > 4096)
        {
            return null;
        }

        var buffer = stackalloc byte[(int)length];
        return Confstr(UserTemporaryDirectory, buffer, length) == 0 ? null : Marshal.PtrToStringUTF8((nint)buffer);
    }

    [LibraryImport(LibSystem, EntryPoint = "confstr")]
    private static partial nuint Confstr(int name, byte* buffer, nuint length);
}

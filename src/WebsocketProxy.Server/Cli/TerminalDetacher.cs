using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace WebsocketProxy.Server.Cli;

/// <summary>
/// Takes a proxy started by a client out of that client's session and process group. Otherwise it stays in the
/// terminal's foreground process group of the first program that needed it, and a Ctrl-C meant for that program
/// (SIGINT to the whole group) also stops the proxy every other client on the machine is using.
/// </summary>
/// <remarks>
/// On Windows there is nothing left to do here: the client starts the proxy with a console of its own that has no
/// window (<c>ProcessStartInfo.CreateNoWindow</c>), so the starter's console events never reach it. A proxy started
/// by hand in a console window stays in that console, as a program started there should.
/// </remarks>
internal static partial class TerminalDetacher
{
    /// <summary>Makes this process the leader of a new session with no controlling terminal; false where that is not possible.</summary>
    public static bool TryDetach()
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        return (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) && SetSid() != -1;
    }

    // setsid(2) fails only for a process group leader, which a process just started by a client never is.
    [DllImport("libc", EntryPoint = "setsid", SetLastError = true)]
    [SupportedOSPlatform("linux")]
    [SupportedOSPlatform("macos")]
    [SupportedOSPlatform("freebsd")]
    private static extern int SetSid();
}

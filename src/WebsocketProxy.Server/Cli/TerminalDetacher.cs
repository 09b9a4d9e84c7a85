using System.Runtime.InteropServices;

namespace WebsocketProxy.Server.Cli;

/// <summary>
/// Takes a proxy started by a client out of that client's session and process group. Otherwise it stays in the
/// terminal's foreground process group of the first program that needed it, and a Ctrl-C meant for that program
/// (SIGINT to the whole group) also stops the proxy every other client on the machine is using.
/// </summary>
internal static partial class TerminalDetacher
{
    /// <summary>Makes this process the leader of a new session with no controlling terminal; false where that is not possible.</summary>
    public static bool TryDetach() =>
        (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD()) && SetSid() != -1;

    // setsid(2) fails only for a process group leader, which a process just started by a client never is.
    [DllImport("libc", EntryPoint = "setsid", SetLastError = true)]
    private static extern int SetSid();
}

using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// Which processes hold a file open, from the Restart Manager (<c>rstrtmgr.dll</c>): a session with the file registered
/// as its only resource, then <c>RmGetList</c>. Nothing is shut down or restarted; the session only answers the question.
/// </summary>
/// <remarks>
/// Layouts from <c>RestartManager.h</c>: <c>RM_UNIQUE_PROCESS</c> is a DWORD pid and a FILETIME (12 bytes);
/// <c>RM_PROCESS_INFO</c> adds two WCHAR arrays of <c>CCH_RM_MAX_APP_NAME + 1</c> (256) and
/// <c>CCH_RM_MAX_SVC_NAME + 1</c> (64) characters, the application type, status, session id and a BOOL (668 bytes, no
/// padding: every member is 4-byte aligned). The session key buffer holds <c>CCH_RM_SESSION_KEY + 1</c> (33) characters.
/// Built, never run: there is no Windows machine here.
/// </remarks>
[SupportedOSPlatform("windows")]
internal static unsafe partial class RestartManager
{
    private const int SessionKeyLength = 32 + 1; // CCH_RM_SESSION_KEY + 1
    private const int ErrorMoreData = 234;
    private const int Attempts = 3;

    /// <summary>The ids of the processes that hold <paramref name="path"/> open now.</summary>
    /// <exception cref="Win32Exception">The Restart Manager failed (its error code says why).</exception>
    public static IReadOnlyList<int> ProcessesHolding(string path)
    {
        var key = stackalloc char[SessionKeyLength];
        Check(RmStartSession(out var session, 0, key), "RmStartSession");
        try
        {
            fixed (char* file = path)
            {
                var files = (nint)file;
                Check(RmRegisterResources(session, 1, &files, 0, null, 0, null), "RmRegisterResources");
            }

            // The list can grow between the call that sizes it and the call that fills it: try again a few times.
            var capacity = 4u;
            for (var attempt = 0; ; attempt++)
            {
                var infos = new ProcessInfo[capacity];
                uint needed;
                var count = capacity;
                uint reasons;
                int error;
                fixed (ProcessInfo* buffer = infos)
                {
                    error = RmGetList(session, &needed, &count, buffer, &reasons);
                }

                if (error == 0)
                {
                    return [.. infos.Take((int)count).Select(i => (int)i.ProcessId)];
                }

                if (error != ErrorMoreData || attempt >= Attempts)
                {
                    throw new Win32Exception(error, $"RmGetList failed for '{path}' (error {error}).");
                }

                capacity = needed + 4;
            }
        }
        finally
        {
            _ = RmEndSession(session);
        }
    }

    private static void Check(int error, string function)
    {
        if (error != 0)
        {
            throw new Win32Exception(error, $"{function} failed (error {error}).");
        }
    }

    [LibraryImport("rstrtmgr.dll", EntryPoint = "RmStartSession")]
    private static partial int RmStartSession(out uint session, uint flags, char* sessionKey);

    [LibraryImport("rstrtmgr.dll", EntryPoint = "RmRegisterResources")]
    private static partial int RmRegisterResources(uint session, uint fileCount, nint* files, uint applicationCount, void* applications, uint serviceCount, nint* services);

    [LibraryImport("rstrtmgr.dll", EntryPoint = "RmGetList")]
    private static partial int RmGetList(uint session, uint* needed, uint* count, ProcessInfo* processes, uint* rebootReasons);

    [LibraryImport("rstrtmgr.dll", EntryPoint = "RmEndSession")]
    private static partial int RmEndSession(uint session);

    /// <summary><c>RM_PROCESS_INFO</c> (668 bytes).</summary>
    [StructLayout(LayoutKind.Sequential, Size = 668)]
    private struct ProcessInfo
    {
        // RM_UNIQUE_PROCESS: the pid, then its start time (a FILETIME of two DWORDs). The rest is not read.
        public uint ProcessId;
        public uint StartTimeLow;
        public uint StartTimeHigh;
    }
}

using System.Runtime.Versioning;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// Linux's <c>/proc</c>, behind one Linux-marked type so that the platform analyzer (CA1416) makes every test that reads
/// it say so (<c>[SupportedOSPlatform("linux")]</c> and a <see cref="PlatformFactAttribute"/> for Linux).
/// </summary>
[SupportedOSPlatform("linux")]
internal static class ProcFs
{
    /// <summary><c>/proc/&lt;pid&gt;/&lt;file&gt;</c>.</summary>
    public static string PathOf(int pid, string file) => $"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}/{file}";

    public static Task<byte[]> ReadAsync(int pid, string file) => File.ReadAllBytesAsync(PathOf(pid, file));

    public static string ReadText(int pid, string file) => File.ReadAllText(PathOf(pid, file));

    /// <summary>Whether <paramref name="pid"/> exists and is not a zombie (a killed child that nobody reaped yet).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            return Directory.Exists(PathOf(pid, string.Empty)) && !ReadText(pid, "stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false; // gone meanwhile
        }
    }
}

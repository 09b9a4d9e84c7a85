using System.Runtime.InteropServices;

namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// Why a test that needs some operating systems does not run on this one. A test that calls Linux-only code (signals,
/// <c>/proc</c>, throwaway users, <c>/dev/shm</c>, futex, the Linux back-end) is marked
/// <c>[SupportedOSPlatform("linux")]</c> for the platform analyzer (CA1416) and uses a fact that skips elsewhere;
/// <c>PlatformAnnotationsTests</c> checks that the two agree in every test assembly.
/// </summary>
internal static class PlatformSkip
{
    /// <summary>The system running the tests.</summary>
    public static TestPlatforms Current { get; } =
        OperatingSystem.IsLinux() ? TestPlatforms.Linux
        : OperatingSystem.IsMacOS() ? TestPlatforms.MacOS
        : OperatingSystem.IsWindows() ? TestPlatforms.Windows
        : 0;

    /// <summary>Null when the test runs here, else the skip reason shown in the test report.</summary>
    public static string? Reason(TestPlatforms runsOn, string why) => (runsOn & Current) != 0
        ? null
        : $"Needs {Describe(runsOn)}, skipped on {RuntimeInformation.OSDescription}: {why}";

    public static string Describe(TestPlatforms platforms) => platforms switch
    {
        TestPlatforms.Linux => "Linux",
        TestPlatforms.Unix => "Linux or macOS",
        _ => platforms.ToString(),
    };
}

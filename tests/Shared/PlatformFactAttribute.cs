namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// A fact that needs some operating systems: skipped elsewhere, with the reason in the test report. Mark the test
/// <c>[SupportedOSPlatform(...)]</c> (or <c>[UnsupportedOSPlatform("windows")]</c>) for the same systems, so that the
/// platform analyzer lets it call their APIs. xunit 2 has no dynamic skip; setting Skip here is its way.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PlatformFactAttribute : FactAttribute, IPlatformBound
{
    public PlatformFactAttribute(TestPlatforms runsOn, string why)
    {
        RunsOn = runsOn;
        Skip = PlatformSkip.Reason(runsOn, why);
    }

    public TestPlatforms RunsOn { get; }
}

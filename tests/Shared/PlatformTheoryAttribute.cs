namespace WebsocketProxy.Tests.Shared;

/// <summary>A theory that needs some operating systems: skipped elsewhere (see <see cref="PlatformFactAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PlatformTheoryAttribute : TheoryAttribute, IPlatformBound
{
    public PlatformTheoryAttribute(TestPlatforms runsOn, string why)
    {
        RunsOn = runsOn;
        Skip = PlatformSkip.Reason(runsOn, why);
    }

    public TestPlatforms RunsOn { get; }
}

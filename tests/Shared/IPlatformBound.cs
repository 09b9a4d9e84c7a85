namespace WebsocketProxy.Tests.Shared;

/// <summary>A fact or theory attribute that skips the test off <see cref="RunsOn"/> (checked by <c>PlatformAnnotationsTests</c>).</summary>
internal interface IPlatformBound
{
    TestPlatforms RunsOn { get; }
}

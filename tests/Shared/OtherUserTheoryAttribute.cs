namespace WebsocketProxy.Tests.Shared;

/// <summary>
/// A theory that needs <see cref="OtherUser"/>: skipped, with the reason shown in the test report, where a second
/// user cannot be created (not root, no useradd). xunit 2 has no dynamic skip; setting Skip here is its way.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class OtherUserTheoryAttribute : TheoryAttribute, IPlatformBound
{
    public OtherUserTheoryAttribute()
    {
        if (OtherUser.Unavailable is { } reason)
        {
            Skip = "Second-user test skipped: " + reason;
        }
    }

    /// <summary>A second user is made with Linux's useradd and runuser.</summary>
    public TestPlatforms RunsOn => TestPlatforms.Linux;

    /// <summary>Set on a theory about the native back-end's own files: skipped too when the portable back-end is the default.</summary>
    public string? NativeBackendOnly
    {
        get => null;
        init
        {
            if (value is not null && Skip is null && Shared.NativeBackendOnly.SkipReason(value) is { } reason)
            {
                Skip = reason;
            }
        }
    }
}

namespace WebsocketProxy.Tests.Shared;

/// <summary>A theory that needs throwaway Linux users (<see cref="ThrowawayUser"/>); skipped, with the reason shown, where it cannot have them.</summary>
internal sealed class OtherUsersTheoryAttribute : TheoryAttribute
{
    public OtherUsersTheoryAttribute()
    {
        if (ThrowawayUser.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

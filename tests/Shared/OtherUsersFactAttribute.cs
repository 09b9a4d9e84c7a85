namespace WebsocketProxy.Tests.Shared;

/// <summary>A fact that needs throwaway Linux users (<see cref="ThrowawayUser"/>); skipped, with the reason shown, where it cannot have them.</summary>
internal sealed class OtherUsersFactAttribute : FactAttribute
{
    public OtherUsersFactAttribute()
    {
        if (ThrowawayUser.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}

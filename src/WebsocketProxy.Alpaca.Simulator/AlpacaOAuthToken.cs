using System.Text;

namespace WebsocketProxy.Alpaca.Simulator;

/// <summary>
/// An OAuth access token the simulator accepts, sent as <c>{"action":"auth","key":"access_token","secret":TOKEN}</c>
/// or as <c>Authorization: Bearer TOKEN</c> on the handshake.
/// </summary>
/// <param name="Token">The access token.</param>
/// <param name="KeyId">The key id of the account the token acts for: its sessions count against that key's connection limit and are reported under it.</param>
public sealed record AlpacaOAuthToken(string Token, string KeyId)
{
    /// <summary>The feeds this token may use; <see langword="null"/> (the default) means every feed.</summary>
    public IReadOnlySet<AlpacaSimulatorFeed>? Feeds { get; init; }

    /// <summary>Whether this token may use <paramref name="feed"/>.</summary>
    /// <param name="feed">The feed to check.</param>
    /// <returns><see langword="true"/> when the token is entitled to the feed.</returns>
    public bool IsEntitledTo(AlpacaSimulatorFeed feed) => Feeds is null || Feeds.Contains(feed);

    // The token must never reach a log through the record's generated ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId).Append(", Token = ***");
        return true;
    }
}

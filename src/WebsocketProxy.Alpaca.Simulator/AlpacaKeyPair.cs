using System.Text;

namespace WebsocketProxy.Alpaca.Simulator;

/// <summary>An API key pair the simulator accepts, and the feeds it is entitled to.</summary>
/// <param name="KeyId">The key id, sent as <c>key</c> or the <c>APCA-API-KEY-ID</c> header.</param>
/// <param name="Secret">The secret, sent as <c>secret</c> or the <c>APCA-API-SECRET-KEY</c> header.</param>
public sealed record AlpacaKeyPair(string KeyId, string Secret)
{
    /// <summary>The test key pair every simulator accepts unless its options say otherwise.</summary>
    public static AlpacaKeyPair Default { get; } = new("PKSIMULATOR0000000001", "simulator-secret-0000000000000000000001");

    /// <summary>
    /// The feeds this key may use; <see langword="null"/> (the default) means every feed. Authenticating on
    /// another feed gets error 409 "insufficient subscription".
    /// </summary>
    public IReadOnlySet<AlpacaSimulatorFeed>? Feeds { get; init; }

    /// <summary>Whether this key may use <paramref name="feed"/>.</summary>
    /// <param name="feed">The feed to check.</param>
    /// <returns><see langword="true"/> when the key is entitled to the feed.</returns>
    public bool IsEntitledTo(AlpacaSimulatorFeed feed) => Feeds is null || Feeds.Contains(feed);

    // The secret must never reach a log through the record's generated ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("KeyId = ").Append(KeyId).Append(", Secret = ***");
        return true;
    }
}

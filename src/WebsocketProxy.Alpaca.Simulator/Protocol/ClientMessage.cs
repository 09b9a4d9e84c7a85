namespace WebsocketProxy.Alpaca.Simulator.Protocol;

/// <summary>What a client asked for.</summary>
internal enum ClientAction
{
    Auth,
    Subscribe,
    Unsubscribe,
}

/// <summary>A parsed client message, or the error it earns.</summary>
internal sealed record ClientMessage(ClientAction Action)
{
    public string? Key { get; init; }

    public string? Secret { get; init; }

    public IReadOnlyDictionary<Channel, string[]> Channels { get; init; } = new Dictionary<Channel, string[]>();

    /// <summary>Set when the message is refused: the protocol error to answer with.</summary>
    public ProtocolError? Error { get; init; }

    public static ClientMessage Invalid(ProtocolError error) => new(ClientAction.Auth) { Error = error };
}

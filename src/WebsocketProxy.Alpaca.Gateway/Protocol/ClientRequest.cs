namespace WebsocketProxy.Alpaca.Gateway.Protocol;

/// <summary>What a client asked for.</summary>
internal enum ClientAction
{
    Invalid,
    Auth,
    Subscribe,
    Unsubscribe,
}

/// <summary>One parsed client message: an auth, a (un)subscribe by channel index, or the error it deserves.</summary>
internal sealed class ClientRequest
{
    private ClientRequest(ClientAction action) => Action = action;

    public ClientAction Action { get; }

    public GatewayError? Error { get; private init; }

    public string? Key { get; private init; }

    /// <summary>The secret: never logged, never kept beyond opening the upstream connection.</summary>
    public string? Secret { get; private init; }

    /// <summary>Symbols by channel index of the endpoint; channels the message did not name (or named with null or []) are absent.</summary>
    public IReadOnlyDictionary<int, string[]> Channels { get; private init; } = new Dictionary<int, string[]>();

    public static ClientRequest Invalid(GatewayError error) => new(ClientAction.Invalid) { Error = error };

    public static ClientRequest Auth(string key, string secret) => new(ClientAction.Auth) { Key = key, Secret = secret };

    public static ClientRequest Subscription(ClientAction action, Dictionary<int, string[]> channels) => new(action) { Channels = channels };
}

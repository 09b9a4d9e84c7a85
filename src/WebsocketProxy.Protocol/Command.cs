namespace WebsocketProxy.Protocol;

/// <summary>
/// A request from a client to the proxy, one record on the client's request ring (<see cref="CommandCodec"/>); the
/// proxy answers it on the client's reply ring with a <see cref="Reply"/> of the same kind and correlation id.
/// </summary>
/// <param name="CorrelationId">Chosen by the client, unique among its requests in flight; the reply carries it back.</param>
public abstract record Command(long CorrelationId)
{
    /// <summary>The kind written on the wire.</summary>
    public abstract CommandKind Kind { get; }
}

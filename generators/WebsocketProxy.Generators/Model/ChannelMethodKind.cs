namespace WebsocketProxy.Generators.Model;

/// <summary>What a channel method returns.</summary>
internal enum ChannelMethodKind
{
    /// <summary><c>IAsyncEnumerable&lt;T&gt;</c>: a buffered stream.</summary>
    Stream,

    /// <summary><c>ValueTask&lt;StreamSubscription&gt;</c> with an <c>Action&lt;T&gt;</c> handler: a callback.</summary>
    Callback,
}

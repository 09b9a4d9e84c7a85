namespace WebsocketProxy.Client;

/// <summary>How a topic is escaped when the proxy renders a <see cref="SubscriptionTemplate"/>.</summary>
public enum TopicEncoding
{
    /// <summary>The topic is inserted as a quoted, escaped JSON string (<c>"AAPL"</c>).</summary>
    JsonString,

    /// <summary>The topic is inserted as it is: the template must be valid for any topic it is given.</summary>
    Raw,
}

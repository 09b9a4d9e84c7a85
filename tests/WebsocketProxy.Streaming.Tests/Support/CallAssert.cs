namespace WebsocketProxy.Streaming.Tests.Support;

internal static class CallAssert
{
    public static async Task NextIs(this FakeProxyConnection connection, bool subscribe, string group, params string[] topics)
    {
        var call = await connection.NextCallAsync();
        Assert.Equal(subscribe ? "subscribe" : "unsubscribe", call.Subscribe ? "subscribe" : "unsubscribe");
        Assert.Equal(group, call.Group);
        Assert.Equal(topics, call.Topics);
    }
}

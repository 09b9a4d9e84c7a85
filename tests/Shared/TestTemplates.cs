using WebsocketProxy.Client;

namespace WebsocketProxy.Tests.Shared;

/// <summary>Subscription templates the tests share.</summary>
internal static class TestTemplates
{
    /// <summary>Alpaca-shaped bar subscriptions.</summary>
    public static SubscriptionTemplate Bars { get; } = new()
    {
        Group = "bars",
        Subscribe = """{"action":"subscribe","bars":[{topics}]}""",
        Unsubscribe = """{"action":"unsubscribe","bars":[{topics}]}""",
    };
}

using WebsocketProxy.Client;
using WebsocketProxy.Server.Topics;

namespace WebsocketProxy.Server.Tests.Topics;

public sealed class TopicRegistryTests
{
    private static readonly SubscriptionTemplate Bars = new()
    {
        Group = "bars",
        Subscribe = """{"action":"subscribe","bars":[{topics}]}""",
        Unsubscribe = """{"action":"unsubscribe","bars":[{topics}]}""",
        MaxTopicsPerMessage = 2,
    };

    [Fact]
    public void Subscribe_OverlappingBatches_OnlyFirstSubscriberAndLastLeaverReachUpstream()
    {
        var registry = new TopicRegistry();

        Assert.Equal(["""{"action":"subscribe","bars":["AAPL","MSFT"]}"""], registry.Subscribe(1, Bars, ["AAPL", "MSFT"]));
        Assert.Equal(["""{"action":"subscribe","bars":["TSLA"]}"""], registry.Subscribe(2, Bars, ["MSFT", "TSLA"]));
        Assert.Equal(["""{"action":"unsubscribe","bars":["AAPL"]}"""], registry.ReleaseClient(1));
        Assert.Equal(["""{"action":"unsubscribe","bars":["MSFT","TSLA"]}"""], registry.Unsubscribe(2, Bars, ["MSFT", "TSLA"]));
        Assert.True(registry.IsEmpty);
    }

    [Fact]
    public void Subscribe_ManyTopics_ChunkedToTheLimit()
    {
        var registry = new TopicRegistry();

        var messages = registry.Subscribe(1, Bars, ["A", "B", "C", "D", "E"]);

        Assert.Equal(
            [
                """{"action":"subscribe","bars":["A","B"]}""",
                """{"action":"subscribe","bars":["C","D"]}""",
                """{"action":"subscribe","bars":["E"]}""",
            ],
            messages);
    }

    [Fact]
    public void Unsubscribe_SameClientSubscribedTwice_UpstreamToldOnlyAfterSecondUnsubscribe()
    {
        var registry = new TopicRegistry();
        registry.Subscribe(1, Bars, ["AAPL"]);
        Assert.Empty(registry.Subscribe(1, Bars, ["AAPL"]));

        Assert.Empty(registry.Unsubscribe(1, Bars, ["AAPL"]));
        Assert.Single(registry.Unsubscribe(1, Bars, ["AAPL"]));
    }

    [Fact]
    public void Unsubscribe_TopicNotHeld_NothingSentAndOthersKeepIt()
    {
        var registry = new TopicRegistry();
        registry.Subscribe(1, Bars, ["AAPL"]);

        Assert.Empty(registry.Unsubscribe(2, Bars, ["AAPL", "NOPE"]));
        Assert.Equal([("bars", "AAPL", 1)], registry.Snapshot());
    }

    [Fact]
    public void RenderAll_TwoGroups_SubscribesEveryActiveTopicPerGroup()
    {
        var registry = new TopicRegistry();
        var quotes = Bars with { Group = "quotes", Subscribe = """{"action":"subscribe","quotes":[{topics}]}""", Unsubscribe = """{"action":"unsubscribe","quotes":[{topics}]}""" };
        registry.Subscribe(1, Bars, ["AAPL"]);
        registry.Subscribe(2, quotes, ["MSFT"]);
        registry.Unsubscribe(1, Bars, ["AAPL"]);

        Assert.Equal(["""{"action":"subscribe","quotes":["MSFT"]}"""], registry.RenderAll());
    }

    [Fact]
    public void Render_JsonStringEncoding_EscapesTopics_RawDoesNot()
    {
        var json = TemplateRenderer.Render(Bars, subscribe: true, ["a\"b"]);
        var raw = TemplateRenderer.Render(Bars with { Encoding = TopicEncoding.Raw, TopicFormat = "<{topic}>", Separator = ";" }, subscribe: false, ["x", "y"]);

        Assert.Equal(["""{"action":"subscribe","bars":["a\"b"]}"""], json);
        Assert.Equal(["""{"action":"unsubscribe","bars":[<x>;<y>]}"""], raw);
    }
}

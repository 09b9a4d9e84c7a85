using System.Text;
using WebsocketProxy.Client;
using WebsocketProxy.Protocol;
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

        Assert.Equal(["""{"action":"subscribe","bars":["AAPL","MSFT"]}"""], Texts(registry.Subscribe(1, Bars, ["AAPL", "MSFT"])));
        Assert.Equal(["""{"action":"subscribe","bars":["TSLA"]}"""], Texts(registry.Subscribe(2, Bars, ["MSFT", "TSLA"])));
        Assert.Equal(["""{"action":"unsubscribe","bars":["AAPL"]}"""], Texts(registry.ReleaseClient(1)));
        Assert.Equal(["""{"action":"unsubscribe","bars":["MSFT","TSLA"]}"""], Texts(registry.Unsubscribe(2, Bars, ["MSFT", "TSLA"])));
        Assert.True(registry.IsEmpty);
    }

    [Fact]
    public void Subscribe_ManyTopics_ChunkedToTheLimit()
    {
        var registry = new TopicRegistry();

        var messages = Texts(registry.Subscribe(1, Bars, ["A", "B", "C", "D", "E"]));

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

        Assert.Equal(["""{"action":"subscribe","quotes":["MSFT"]}"""], Texts(registry.RenderAll()));
    }

    [Fact]
    public void Render_JsonStringEncoding_EscapesTopics_RawDoesNot()
    {
        var json = Texts(new TemplateLayout(Bars, subscribe: true).Render(["a\"b"]));
        var raw = Texts(new TemplateLayout(Bars with { Encoding = TopicEncoding.Raw, TopicFormat = "<{topic}>", Separator = ";" }, subscribe: false).Render(["x", "y"]));

        Assert.Equal(["""{"action":"subscribe","bars":["a\"b"]}"""], json);
        Assert.Equal(["""{"action":"unsubscribe","bars":[<x>;<y>]}"""], raw);
    }

    [Fact]
    public void Subscribe_TopicFormatRepeatingItsPlaceholder_RefusedBeforeAnyCountChanges()
    {
        var registry = new TopicRegistry();
        // 20,000 copies of {topic}: a 60-character topic renders to 1.2 MB from a 140 KB command.
        var amplifier = Bars with { Group = "amp", TopicFormat = string.Concat(Enumerable.Repeat("{topic}", 20_000)) };

        var error = Assert.Throws<ArgumentException>(() => registry.Subscribe(1, amplifier, ["AAPL", new string('x', 60)]));

        Assert.Contains("at most 1048576 bytes per upstream message", error.Message, StringComparison.Ordinal);
        Assert.True(registry.IsEmpty);
        Assert.Empty(registry.Snapshot());
    }

    [Fact]
    public void Subscribe_CommandRenderingPastTheCommandLimit_RefusedAndNothingCounted()
    {
        var registry = new TopicRegistry();
        registry.Subscribe(2, Bars, ["KEEP"]);
        // Each topic renders to ~12 KB, well under the message limit; 2,000 of them to ~24 MB, past 16 MiB.
        var wide = Bars with { Group = "wide", TopicFormat = string.Concat(Enumerable.Repeat("{topic}", 1_000)), MaxTopicsPerMessage = 1 };
        string[] topics = [.. Enumerable.Range(0, 2_000).Select(i => $"S{i:D6}")];

        var error = Assert.Throws<ArgumentException>(() => registry.Subscribe(1, wide, topics));

        Assert.Contains("split the topics over several commands", error.Message, StringComparison.Ordinal);
        Assert.Equal([("bars", "KEEP", 1)], registry.Snapshot());
        Assert.Equal(100, Texts(registry.Subscribe(1, wide, topics[..100])).Count);
    }

    [Fact]
    public void Subscribe_TopicsPastTheByteLimit_SplitIntoMessagesUnderIt()
    {
        var registry = new TopicRegistry(maxMessageBytes: 100);
        var many = Bars with { MaxTopicsPerMessage = 1_000 };
        string[] topics = [.. Enumerable.Range(0, 50).Select(i => $"SYM{i:D3}")];

        var messages = Texts(registry.Subscribe(1, many, topics));

        Assert.All(messages, m => Assert.InRange(Encoding.UTF8.GetByteCount(m), 1, 100));
        Assert.Equal(topics, messages.SelectMany(m => System.Text.Json.JsonDocument.Parse(m).RootElement.GetProperty("bars").EnumerateArray().Select(e => e.GetString()!)));
    }

    [Fact]
    public void Subscribe_AllUsEquitiesInOneAlpacaCommand_AcceptedWithinLimits()
    {
        var registry = new TopicRegistry();
        var alpaca = Bars with { MaxTopicsPerMessage = 100_000 };
        string[] symbols = [.. Enumerable.Range(0, 12_000).Select(i => $"{(char)('A' + (i % 26))}{i:D4}")];

        var messages = Texts(registry.Subscribe(1, alpaca, symbols));

        var message = Assert.Single(messages);
        Assert.InRange(message.Length, 12_000 * 8, 128 * 1024);
    }

    [Fact]
    public void Subscribe_NewTemplateExistingTopicsDoNotFit_RefusedAndOldTemplateKept()
    {
        var registry = new TopicRegistry();
        registry.Subscribe(1, Bars, [new string('L', 100)]);
        var amplifier = Bars with { TopicFormat = string.Concat(Enumerable.Repeat("{topic}", 20_000)) };

        Assert.Throws<ArgumentException>(() => registry.Subscribe(2, amplifier, ["A"]));

        Assert.Equal([$$"""{"action":"subscribe","bars":["{{new string('L', 100)}}"]}"""], Texts(registry.RenderAll()));
        Assert.Equal([("bars", new string('L', 100), 1)], registry.Snapshot());
    }

    [Fact]
    public void Unsubscribe_CommandRenderingPastTheCommandLimit_RefusedAndCountsKept()
    {
        var registry = new TopicRegistry(maxMessageBytes: 1 << 20, maxCommandBytes: 1_000);
        var single = Bars with { MaxTopicsPerMessage = 1 };
        string[] topics = [.. Enumerable.Range(0, 40).Select(i => $"T{i:D3}")];
        registry.Subscribe(1, single, topics[..20]);
        registry.Subscribe(1, single, topics[20..]);

        Assert.Throws<ArgumentException>(() => registry.Unsubscribe(1, single, topics));

        Assert.Equal(40, registry.Snapshot().Count);
        Assert.Equal(20, Texts(registry.Unsubscribe(1, single, topics[..20])).Count);
    }

    /// <summary>Copies each lazily rendered message before the renderer reuses its buffer.</summary>
    internal static List<string> Texts(IEnumerable<ReadOnlyMemory<byte>> messages) =>
        [.. messages.Select(m => Encoding.UTF8.GetString(m.Span))];
}

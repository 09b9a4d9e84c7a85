using System.Runtime.CompilerServices;
using System.Text;
using WebsocketProxy.Client;
using WebsocketProxy.Protocol;
using WebsocketProxy.Server.Topics;

namespace WebsocketProxy.Server.Tests.Topics;

public sealed class TopicRegistryTests
{
    private static readonly ConditionalWeakTable<TopicRegistry, Dictionary<(long, SubscriptionTemplate), int>> TemplateIds = [];

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

        Assert.Equal(["""{"action":"subscribe","bars":["AAPL","MSFT"]}"""], Texts(Subscribe(registry, 1, Bars, ["AAPL", "MSFT"])));
        Assert.Equal(["""{"action":"subscribe","bars":["TSLA"]}"""], Texts(Subscribe(registry, 2, Bars, ["MSFT", "TSLA"])));
        Assert.Equal(["""{"action":"unsubscribe","bars":["AAPL"]}"""], Texts(registry.ReleaseClient(1)));
        Assert.Equal(["""{"action":"unsubscribe","bars":["MSFT","TSLA"]}"""], Texts(Unsubscribe(registry, 2, Bars, ["MSFT", "TSLA"])));
        Assert.True(registry.IsEmpty);
    }

    [Fact]
    public void Subscribe_ManyTopics_ChunkedToTheLimit()
    {
        var registry = new TopicRegistry();

        var messages = Texts(Subscribe(registry, 1, Bars, ["A", "B", "C", "D", "E"]));

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
        Subscribe(registry, 1, Bars, ["AAPL"]);
        Assert.Empty(Subscribe(registry, 1, Bars, ["AAPL"]));

        Assert.Empty(Unsubscribe(registry, 1, Bars, ["AAPL"]));
        Assert.Single(Unsubscribe(registry, 1, Bars, ["AAPL"]));
    }

    [Fact]
    public void Unsubscribe_TopicNotHeld_NothingSentAndOthersKeepIt()
    {
        var registry = new TopicRegistry();
        Subscribe(registry, 1, Bars, ["AAPL"]);

        Assert.Empty(Unsubscribe(registry, 2, Bars, ["AAPL", "NOPE"]));
        Assert.Equal([("bars", "AAPL", 1)], registry.Snapshot());
    }

    [Fact]
    public void RenderAll_TwoGroups_SubscribesEveryActiveTopicPerGroup()
    {
        var registry = new TopicRegistry();
        var quotes = Bars with { Group = "quotes", Subscribe = """{"action":"subscribe","quotes":[{topics}]}""", Unsubscribe = """{"action":"unsubscribe","quotes":[{topics}]}""" };
        Subscribe(registry, 1, Bars, ["AAPL"]);
        Subscribe(registry, 2, quotes, ["MSFT"]);
        Unsubscribe(registry, 1, Bars, ["AAPL"]);

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

        var error = Assert.Throws<ArgumentException>(() => Subscribe(registry, 1, amplifier, ["AAPL", new string('x', 60)]));

        Assert.Contains("at most 1048576 bytes per upstream message", error.Message, StringComparison.Ordinal);
        Assert.True(registry.IsEmpty);
        Assert.Empty(registry.Snapshot());
    }

    [Fact]
    public void Subscribe_CommandRenderingPastTheCommandLimit_RefusedAndNothingCounted()
    {
        var registry = new TopicRegistry();
        Subscribe(registry, 2, Bars, ["KEEP"]);
        // Each topic renders to ~12 KB, well under the message limit; 2,000 of them to ~24 MB, past 16 MiB.
        var wide = Bars with { Group = "wide", TopicFormat = string.Concat(Enumerable.Repeat("{topic}", 1_000)), MaxTopicsPerMessage = 1 };
        string[] topics = [.. Enumerable.Range(0, 2_000).Select(i => $"S{i:D6}")];

        var error = Assert.Throws<ArgumentException>(() => Subscribe(registry, 1, wide, topics));

        Assert.Contains("split the topics over several commands", error.Message, StringComparison.Ordinal);
        Assert.Equal([("bars", "KEEP", 1)], registry.Snapshot());
        Assert.Equal(100, Texts(Subscribe(registry, 1, wide, topics[..100])).Count);
    }

    [Fact]
    public void Subscribe_TopicsPastTheByteLimit_SplitIntoMessagesUnderIt()
    {
        var registry = new TopicRegistry(maxMessageBytes: 100);
        var many = Bars with { MaxTopicsPerMessage = 1_000 };
        string[] topics = [.. Enumerable.Range(0, 50).Select(i => $"SYM{i:D3}")];

        var messages = Texts(Subscribe(registry, 1, many, topics));

        Assert.All(messages, m => Assert.InRange(Encoding.UTF8.GetByteCount(m), 1, 100));
        Assert.Equal(topics, messages.SelectMany(m => System.Text.Json.JsonDocument.Parse(m).RootElement.GetProperty("bars").EnumerateArray().Select(e => e.GetString()!)));
    }

    [Fact]
    public void Subscribe_AllUsEquitiesInOneAlpacaCommand_AcceptedWithinLimits()
    {
        var registry = new TopicRegistry();
        var alpaca = Bars with { MaxTopicsPerMessage = 100_000 };
        string[] symbols = [.. Enumerable.Range(0, 12_000).Select(i => $"{(char)('A' + (i % 26))}{i:D4}")];

        var messages = Texts(Subscribe(registry, 1, alpaca, symbols));

        var message = Assert.Single(messages);
        Assert.InRange(message.Length, 12_000 * 8, 128 * 1024);
    }

    [Fact]
    public void RegisterTemplate_DifferentTemplateForAGroupAnotherClientRegistered_RefusedNamingGroupAndFieldAndFirstKept()
    {
        var registry = new TopicRegistry();
        Subscribe(registry, 1, Bars, ["AAPL"]);
        var other = Bars with { Subscribe = """{"action":"subscribe","trades":[{topics}]}""" };

        var error = Assert.Throws<ArgumentException>(() => registry.RegisterTemplate(2, 1, other));

        Assert.Contains("Group 'bars' already has a different subscription template", error.Message, StringComparison.Ordinal);
        Assert.Contains("its Subscribe differs", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => registry.Subscribe(2, 1, ["MSFT"]));
        Assert.Equal(["""{"action":"subscribe","bars":["AAPL"]}"""], Texts(registry.RenderAll()));
        Assert.Equal([("bars", "AAPL", 1)], registry.Snapshot());
    }

    [Fact]
    public void RegisterTemplate_DifferentTemplateForAGroupTheSameClientRegistered_Refused()
    {
        var registry = new TopicRegistry();
        registry.RegisterTemplate(1, 1, Bars);

        var error = Assert.Throws<ArgumentException>(() => registry.RegisterTemplate(1, 2, Bars with { MaxTopicsPerMessage = 7 }));

        Assert.Contains("its MaxTopicsPerMessage differs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegisterTemplate_EqualTemplateByTwoClients_OneGroupCountedAcrossBoth()
    {
        var registry = new TopicRegistry();
        registry.RegisterTemplate(1, 1, Bars);
        registry.RegisterTemplate(1, 1, Bars with { });
        registry.RegisterTemplate(2, 5, Bars with { });

        Assert.Single(registry.Subscribe(1, 1, ["AAPL"]));
        Assert.Empty(registry.Subscribe(2, 5, ["AAPL"]));
        Assert.Equal([("bars", "AAPL", 2)], registry.Snapshot());
    }

    [Fact]
    public void RegisterTemplate_IdTakenByAnotherTemplate_RefusedAndTheIdKeepsItsTemplate()
    {
        var registry = new TopicRegistry();
        var quotes = Bars with { Group = "quotes" };
        registry.RegisterTemplate(1, 1, Bars);

        var error = Assert.Throws<ArgumentException>(() => registry.RegisterTemplate(1, 1, quotes));

        Assert.Contains("Template id 1 is already registered", error.Message, StringComparison.Ordinal);
        _ = registry.Subscribe(1, 1, ["AAPL"]).ToList();
        Assert.Equal([("bars", "AAPL", 1)], registry.Snapshot());
    }

    [Fact]
    public void Subscribe_UnknownTemplateId_RefusedWithClearErrorAndNothingCounted()
    {
        var registry = new TopicRegistry();
        registry.RegisterTemplate(1, 1, Bars);

        var error = Assert.Throws<ArgumentException>(() => registry.Subscribe(1, 2, ["AAPL"]));
        var otherClient = Assert.Throws<ArgumentException>(() => registry.Unsubscribe(2, 1, ["AAPL"]));

        Assert.Contains("Template id 2 is not registered", error.Message, StringComparison.Ordinal);
        Assert.Contains("Template id 1 is not registered by this client", otherClient.Message, StringComparison.Ordinal);
        Assert.True(registry.IsEmpty);
    }

    [Fact]
    public void RegisterTemplate_PastThePerClientBound_RefusedForThatClientOnly()
    {
        var registry = new TopicRegistry();
        for (var i = 1; i <= RegisterTemplateCommand.MaxTemplatesPerClient; i++)
        {
            registry.RegisterTemplate(1, i, Bars with { Group = $"g{i}" });
        }

        var error = Assert.Throws<ArgumentException>(() => registry.RegisterTemplate(1, 100_000, Bars with { Group = "one-too-many" }));

        Assert.Contains($"registered {RegisterTemplateCommand.MaxTemplatesPerClient} templates", error.Message, StringComparison.Ordinal);
        registry.RegisterTemplate(1, 1, Bars with { Group = "g1" });
        registry.RegisterTemplate(2, 1, Bars with { Group = "one-too-many" });
        Assert.Single(registry.Subscribe(2, 1, ["AAPL"]));
    }

    [Fact]
    public void ReleaseClient_LastRegistrationOfAGroup_GroupTakesANewTemplate()
    {
        var registry = new TopicRegistry();
        _ = Subscribe(registry, 1, Bars, ["AAPL"]).ToList();
        _ = Subscribe(registry, 2, Bars, ["AAPL"]).ToList();
        var fixedTemplate = Bars with { Subscribe = """{"action":"subscribe","bars":[{topics}],"v":2}""" };

        Assert.Empty(registry.ReleaseClient(1));
        Assert.Throws<ArgumentException>(() => registry.RegisterTemplate(3, 1, fixedTemplate));
        Assert.Single(registry.ReleaseClient(2));
        registry.RegisterTemplate(3, 1, fixedTemplate);

        Assert.Equal(["""{"action":"subscribe","bars":["MSFT"],"v":2}"""], Texts(registry.Subscribe(3, 1, ["MSFT"])));
    }

    [Fact]
    public void Unsubscribe_CommandRenderingPastTheCommandLimit_RefusedAndCountsKept()
    {
        var registry = new TopicRegistry(maxMessageBytes: 1 << 20, maxCommandBytes: 1_000);
        var single = Bars with { MaxTopicsPerMessage = 1 };
        string[] topics = [.. Enumerable.Range(0, 40).Select(i => $"T{i:D3}")];
        Subscribe(registry, 1, single, topics[..20]);
        Subscribe(registry, 1, single, topics[20..]);

        Assert.Throws<ArgumentException>(() => Unsubscribe(registry, 1, single, topics));

        Assert.Equal(40, registry.Snapshot().Count);
        Assert.Equal(20, Texts(Unsubscribe(registry, 1, single, topics[..20])).Count);
    }

    /// <summary>Registers <paramref name="template"/> for the client (under an id per template, once) and subscribes.</summary>
    private static IEnumerable<ReadOnlyMemory<byte>> Subscribe(TopicRegistry registry, long clientId, SubscriptionTemplate template, IEnumerable<string> topics) =>
        registry.Subscribe(clientId, Register(registry, clientId, template), topics);

    private static IEnumerable<ReadOnlyMemory<byte>> Unsubscribe(TopicRegistry registry, long clientId, SubscriptionTemplate template, IEnumerable<string> topics) =>
        registry.Unsubscribe(clientId, Register(registry, clientId, template), topics);

    private static int Register(TopicRegistry registry, long clientId, SubscriptionTemplate template)
    {
        var ids = TemplateIds.GetOrCreateValue(registry);
        if (!ids.TryGetValue((clientId, template), out var id))
        {
            id = ids.Count + 1;
            registry.RegisterTemplate(clientId, id, template);
            ids[(clientId, template)] = id;
        }

        return id;
    }

    /// <summary>Copies each lazily rendered message before the renderer reuses its buffer.</summary>
    internal static List<string> Texts(IEnumerable<ReadOnlyMemory<byte>> messages) =>
        [.. messages.Select(m => Encoding.UTF8.GetString(m.Span))];
}

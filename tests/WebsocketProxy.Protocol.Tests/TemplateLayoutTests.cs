using MessagePack;
using WebsocketProxy.Client;

namespace WebsocketProxy.Protocol.Tests;

public sealed class TemplateLayoutTests
{
    private static readonly SubscriptionTemplate Bars = new()
    {
        Group = "bars",
        Subscribe = """{"action":"subscribe","bars":[{topics}]}""",
        Unsubscribe = """{"action":"unsubscribe","bars":[{topics}]}""",
        MaxTopicsPerMessage = 2,
    };

    [Fact]
    public void Render_MessagePack_EachChunkIsTheMapWithACountedArray()
    {
        var layout = new TemplateLayout(Bars, subscribe: true, format: ProxyMessageFormat.MessagePack);

        var messages = layout.Render(["AAPL", "MSFT", "\"Q\""]).Select(m => m.ToArray()).ToList();

        Assert.Equal(2, messages.Count);
        var first = MessagePackSerializer.Deserialize<Dictionary<string, object>>(messages[0]);
        Assert.Equal("subscribe", first["action"]);
        Assert.Equal(new object[] { "AAPL", "MSFT" }, (object[])first["bars"]);
        var second = MessagePackSerializer.Deserialize<Dictionary<string, object>>(messages[1]);
        Assert.Equal(new object[] { "\"Q\"" }, (object[])second["bars"]);
    }

    [Fact]
    public void Render_Text_UnchangedJson()
    {
        var layout = new TemplateLayout(Bars, subscribe: false);

        var message = Assert.Single(layout.Render(["AAPL"]).Select(m => System.Text.Encoding.UTF8.GetString(m.Span)));

        Assert.Equal("""{"action":"unsubscribe","bars":["AAPL"]}""", message);
    }

    [Fact]
    public void ValidateFormat_MessagePackTemplateThatIsNotJson_ReasonNamesTheGroupAndSide()
    {
        var template = Bars with { Unsubscribe = "unsubscribe {topics}" };

        var error = SubscriptionTemplateValidator.ValidateFormat(template, ProxyMessageFormat.MessagePack);

        Assert.NotNull(error);
        Assert.Contains("'bars'", error, StringComparison.Ordinal);
        Assert.Contains("unsubscribe template does not render JSON", error, StringComparison.Ordinal);
        Assert.Null(SubscriptionTemplateValidator.ValidateFormat(template, ProxyMessageFormat.Text));
    }

    [Fact]
    public void ValidateFormat_MessagePackWithRawTopics_Refused()
    {
        var error = SubscriptionTemplateValidator.ValidateFormat(Bars with { Encoding = TopicEncoding.Raw }, ProxyMessageFormat.MessagePack);

        Assert.Contains("TopicEncoding.JsonString", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateFormat_JsonTemplate_AcceptedForMessagePack() =>
        Assert.Null(SubscriptionTemplateValidator.ValidateFormat(Bars, ProxyMessageFormat.MessagePack));
}

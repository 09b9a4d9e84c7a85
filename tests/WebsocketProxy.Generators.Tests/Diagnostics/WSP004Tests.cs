namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP004: subscribe, unsubscribe and topic templates must be valid.</summary>
public sealed class WSP004Tests
{
    [Fact]
    public void SubscribeWithoutTopics_ReportsWSP004()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", Subscribe = "{\"subscribe\":[]}", Unsubscribe = "[{topics}]")]
            public sealed partial class Stocks
            {

            }
            """,
            "WSP004",
            "Stocks",
            "The Subscribe template of stream protocol class 'Stocks' is invalid: it must contain '{topics}' exactly once");

    [Fact]
    public void MissingUnsubscribe_ReportsWSP004()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", Subscribe = "[{topics}]")]
            public sealed partial class Stocks
            {

            }
            """,
            "WSP004",
            "Stocks",
            "The Unsubscribe template of stream protocol class 'Stocks' is invalid: it is missing");

    [Fact]
    public void TopicFormatWithoutTopic_ReportsWSP004()
        => DiagnosticAssert.Single(
            """
            [StreamProtocol(Discriminator = "T", Subscribe = "[{topics}]", Unsubscribe = "[{topics}]", TopicFormat = "x")]
            public sealed partial class Stocks
            {

            }
            """,
            "WSP004",
            "Stocks",
            "The TopicFormat of stream protocol class 'Stocks' is invalid");
}

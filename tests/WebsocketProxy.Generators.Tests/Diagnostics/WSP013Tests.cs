namespace WebsocketProxy.Generators.Tests.Diagnostics;

/// <summary>WSP013: channel methods belong in a stream protocol class.</summary>
public sealed class WSP013Tests
{
    [Fact]
    public void ChannelWithoutProtocol_ReportsWSP013()
        => DiagnosticAssert.Single(
            """
            public sealed partial class Plain
            {
                [StreamChannel("bars", TypeCode = "b")]
                public partial IAsyncEnumerable<Bar> Bars(string symbol, CancellationToken cancellationToken);
            }
            """,
            "WSP013",
            "Bars",
            "its class 'Plain' has no [StreamProtocol]");
}

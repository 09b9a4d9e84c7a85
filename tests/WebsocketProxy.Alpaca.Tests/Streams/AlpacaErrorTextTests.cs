using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Streams;

namespace WebsocketProxy.Alpaca.Tests.Streams;

/// <summary>The server's error reply is recovered from the proxy's explanation of a refused session.</summary>
public sealed class AlpacaErrorTextTests
{
    [Fact]
    public void TryParse_ProxyRefusal_FindsCodeAndServerMessage()
    {
        const string Refusal = """Upstream refused the session: [{"T":"error","code":402,"msg":"auth \"failed\""}]""";

        Assert.True(AlpacaErrorText.TryParse(Refusal, out var error));

        Assert.Equal(AlpacaErrorCode.AuthFailed, error.Code);
        Assert.Equal("auth \"failed\"", error.ServerMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Cannot connect to ws://127.0.0.1:1/v2/iex: Connection refused")]
    [InlineData("""[{"T":"success","msg":"code 402 is not an error here"}]""")]
    public void TryParse_NoAlpacaError_ReturnsFalse(string? text) => Assert.False(AlpacaErrorText.TryParse(text, out _));
}

using WebsocketProxy.Alpaca.Errors;

namespace WebsocketProxy.Alpaca.Tests.Errors;

public sealed class AlpacaErrorClassifierTests
{
    [Theory]
    [InlineData(400, AlpacaErrorAction.FailRequest)]
    [InlineData(401, AlpacaErrorAction.WaitForAuthentication)]
    [InlineData(402, AlpacaErrorAction.FatalForCredentials)]
    [InlineData(403, AlpacaErrorAction.Ignore)]
    [InlineData(404, AlpacaErrorAction.ReconnectWithBackoff)]
    [InlineData(405, AlpacaErrorAction.FailRequest)]
    [InlineData(406, AlpacaErrorAction.ReconnectWithBackoff)]
    [InlineData(407, AlpacaErrorAction.ReconnectWithBackoff)]
    [InlineData(408, AlpacaErrorAction.FatalForCredentials)]
    [InlineData(409, AlpacaErrorAction.FatalForFeed)]
    [InlineData(410, AlpacaErrorAction.FailRequest)]
    [InlineData(411, AlpacaErrorAction.FatalForCredentials)]
    [InlineData(412, AlpacaErrorAction.FailRequest)]
    [InlineData(413, AlpacaErrorAction.FailRequest)]
    [InlineData(500, AlpacaErrorAction.ReconnectWithBackoff)]
    [InlineData(599, AlpacaErrorAction.ReconnectWithBackoff)]
    public void Classify_EveryDocumentedCode_GivesProxyAction(int code, AlpacaErrorAction expected)
    {
        Assert.Equal(expected, AlpacaErrorClassifier.Classify((AlpacaErrorCode)code));
    }

    [Fact]
    public void Predicates_MatchClassification()
    {
        Assert.True(AlpacaErrorClassifier.IsFatal(AlpacaErrorCode.AuthFailed));
        Assert.True(AlpacaErrorClassifier.IsFatal(AlpacaErrorCode.InsufficientSubscription));
        Assert.False(AlpacaErrorClassifier.IsFatal(AlpacaErrorCode.ConnectionLimitExceeded));
        Assert.True(AlpacaErrorClassifier.IsRequestOnly(AlpacaErrorCode.SymbolLimitExceeded));
    }

    [Fact]
    public void Exception_406_SaysSomethingOutsideTheProxyHoldsTheConnection()
    {
        var exception = new AlpacaStreamException(AlpacaErrorCode.ConnectionLimitExceeded, "connection limit exceeded");

        Assert.Contains("outside this proxy", exception.Message, StringComparison.Ordinal);
        Assert.Contains("connection limit exceeded", exception.Message, StringComparison.Ordinal);
        Assert.Equal("connection limit exceeded", exception.ServerMessage);
        Assert.Equal(AlpacaErrorAction.ReconnectWithBackoff, exception.Action);
        Assert.False(exception.IsFatal);
    }

    [Theory]
    [InlineData(AlpacaErrorCode.V2NotEnabled, "v2 streaming is not enabled")]
    [InlineData(AlpacaErrorCode.InsufficientScope, "scope")]
    public void Exception_408And411_FatalWithAMessageSayingWhatToDo(AlpacaErrorCode code, string says)
    {
        var exception = new AlpacaStreamException(code, "server text");

        Assert.True(exception.IsFatal);
        Assert.Contains(says, exception.Message, StringComparison.Ordinal);
        Assert.Contains(((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
        Assert.Contains("stops reconnecting", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exception_402_IsFatalAndKeepsCode()
    {
        var exception = new AlpacaStreamException(AlpacaErrorCode.AuthFailed, "auth failed");

        Assert.Equal(AlpacaErrorCode.AuthFailed, exception.Code);
        Assert.True(exception.IsFatal);
        Assert.Contains("402", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_EveryCode_IsSpecific()
    {
        var descriptions = Enum.GetValues<AlpacaErrorCode>().Select(AlpacaErrorClassifier.Describe).ToList();

        Assert.Equal(descriptions.Count, descriptions.Distinct().Count());
        Assert.Contains("777", AlpacaErrorClassifier.Describe((AlpacaErrorCode)777), StringComparison.Ordinal);
    }
}

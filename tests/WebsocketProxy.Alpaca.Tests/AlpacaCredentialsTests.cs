namespace WebsocketProxy.Alpaca.Tests;

public sealed class AlpacaCredentialsTests
{
    public static TheoryData<string> EveryForm => ["message", "headers", "broker", "oauth"];

    [Fact]
    public void ToString_NeverShowsSecret()
    {
        var credentials = new AlpacaCredentials("PKKEY", "very-secret-value");

        Assert.DoesNotContain("very-secret-value", credentials.ToString(), StringComparison.Ordinal);
        Assert.Contains("PKKEY", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value", credentials.Fingerprint, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryForm))]
    public void ToString_EveryForm_ShowsTheModeNeverTheSecret(string form)
    {
        var credentials = Create(form, "PKKEY", "very-secret-value");

        var text = credentials.ToString();

        Assert.DoesNotContain("very-secret-value", text, StringComparison.Ordinal);
        Assert.Contains($"Mode = {credentials.Mode}", text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_IsTheMessageForm_AsFromKey()
    {
        var constructed = new AlpacaCredentials("PKKEY", "secret-1");
        var created = AlpacaCredentials.FromKey("PKKEY", "secret-1");

        Assert.Equal(AlpacaAuthMode.Message, constructed.Mode);
        Assert.Equal(AlpacaAuthMode.Message, created.Mode);
        Assert.Equal(constructed.Fingerprint, created.Fingerprint);
    }

    [Fact]
    public void Factories_SetModeKeyAndSecret()
    {
        var headers = AlpacaCredentials.FromKeyHeaders("PKKEY", "s");
        var broker = AlpacaCredentials.FromBrokerKey("CKBROKER", "b");
        var token = AlpacaCredentials.FromOAuthToken("tok");

        Assert.Equal((AlpacaAuthMode.Headers, "PKKEY", "s"), (headers.Mode, headers.KeyId, headers.Secret));
        Assert.Equal((AlpacaAuthMode.BrokerBasic, "CKBROKER", "b"), (broker.Mode, broker.KeyId, broker.Secret));
        Assert.Equal((AlpacaAuthMode.OAuth, string.Empty, "tok"), (token.Mode, token.KeyId, token.Secret));
    }

    [Fact]
    public void Fingerprint_EqualForEqualCredentialsOnly()
    {
        var first = new AlpacaCredentials("PKKEY", "secret-1");

        Assert.Equal(first.Fingerprint, new AlpacaCredentials("PKKEY", "secret-1").Fingerprint);
        Assert.NotEqual(first.Fingerprint, new AlpacaCredentials("PKKEY", "secret-2").Fingerprint);
        Assert.Equal(64, first.Fingerprint.Length);
    }

    [Fact]
    public void Fingerprint_SameKeyAnyKeyForm_Equal_TokenNeverLikeAKey()
    {
        var message = AlpacaCredentials.FromKey("oauth", "abc");

        Assert.Equal(message.Fingerprint, AlpacaCredentials.FromKeyHeaders("oauth", "abc").Fingerprint);
        Assert.NotEqual(message.Fingerprint, AlpacaCredentials.FromOAuthToken("abc").Fingerprint);
        Assert.NotEqual(message.Fingerprint, AlpacaCredentials.FromOAuthToken("oauth\nabc").Fingerprint);
        Assert.NotEqual(AlpacaCredentials.FromOAuthToken("abc").Fingerprint, AlpacaCredentials.FromOAuthToken("abd").Fingerprint);
    }

    [Theory]
    [InlineData("", "secret")]
    [InlineData("key", " ")]
    public void Constructor_BlankValue_Throws(string keyId, string secret)
    {
        Assert.ThrowsAny<ArgumentException>(() => new AlpacaCredentials(keyId, secret));
    }

    [Theory]
    [MemberData(nameof(EveryForm))]
    public void Factories_BlankSecret_Throw(string form)
    {
        Assert.ThrowsAny<ArgumentException>(() => Create(form, "PKKEY", " "));
    }

    [Fact]
    public void FromBrokerKey_KeyWithColon_ThrowsSayingWhy()
    {
        var error = Assert.Throws<ArgumentException>(() => AlpacaCredentials.FromBrokerKey("CK:1", "hunter2"));

        Assert.Contains("':'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PK\r\nX-Injected: 1", "secret")]
    [InlineData("PKKEY", "sec\nret")]
    public void FromKeyHeaders_LineBreakInAValue_Throws(string keyId, string secret)
    {
        Assert.Throws<ArgumentException>(() => AlpacaCredentials.FromKeyHeaders(keyId, secret));
    }

    private static AlpacaCredentials Create(string form, string keyId, string secret) => form switch
    {
        "message" => AlpacaCredentials.FromKey(keyId, secret),
        "headers" => AlpacaCredentials.FromKeyHeaders(keyId, secret),
        "broker" => AlpacaCredentials.FromBrokerKey(keyId, secret),
        _ => AlpacaCredentials.FromOAuthToken(secret),
    };
}

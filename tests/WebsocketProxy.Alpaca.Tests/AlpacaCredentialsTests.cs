namespace WebsocketProxy.Alpaca.Tests;

public sealed class AlpacaCredentialsTests
{
    [Fact]
    public void ToString_NeverShowsSecret()
    {
        var credentials = new AlpacaCredentials("PKKEY", "very-secret-value");

        Assert.DoesNotContain("very-secret-value", credentials.ToString(), StringComparison.Ordinal);
        Assert.Contains("PKKEY", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value", credentials.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_EqualForEqualCredentialsOnly()
    {
        var first = new AlpacaCredentials("PKKEY", "secret-1");

        Assert.Equal(first.Fingerprint, new AlpacaCredentials("PKKEY", "secret-1").Fingerprint);
        Assert.NotEqual(first.Fingerprint, new AlpacaCredentials("PKKEY", "secret-2").Fingerprint);
        Assert.Equal(64, first.Fingerprint.Length);
    }

    [Theory]
    [InlineData("", "secret")]
    [InlineData("key", " ")]
    public void Constructor_BlankValue_Throws(string keyId, string secret)
    {
        Assert.ThrowsAny<ArgumentException>(() => new AlpacaCredentials(keyId, secret));
    }
}

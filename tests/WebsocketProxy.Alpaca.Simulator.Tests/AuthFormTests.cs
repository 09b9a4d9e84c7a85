using System.Text;
using WebsocketProxy.Alpaca.Simulator.Tests.Support;

namespace WebsocketProxy.Alpaca.Simulator.Tests;

/// <summary>Every way the real service takes credentials: headers, Broker Basic, OAuth tokens by header or message.</summary>
public sealed class AuthFormTests
{
    private static readonly AlpacaOAuthToken Token = new("oauth-token-0001", AlpacaKeyPair.Default.KeyId);

    private static AlpacaSimulatorOptions WithToken { get; } = AlpacaSimulatorOptions.Default with { OAuthTokens = [Token] };

    private static string Basic(string key, string secret) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}"));

    [Fact]
    public async Task Auth_BrokerBasicHeader_AuthenticatesWithoutMessage()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), o => o.SetRequestHeader("Authorization", Basic(sim.Credentials.KeyId, sim.Credentials.Secret)));

        Assert.Equal("connected", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        Assert.Equal("authenticated", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        Assert.Equal(sim.Credentials.KeyId, Assert.Single(sim.Counters.Connections).KeyId);
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData(null)]
    public async Task Auth_BrokerBasicWrongOrUndecodable_Error402AndTheConnectionStaysOpenForAMessage(string? secret)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync();
        var value = secret is null ? "Basic not*base64" : Basic(sim.Credentials.KeyId, secret);
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), o => o.SetRequestHeader("Authorization", value));

        Assert.Equal("connected", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        var error = await client.ReceiveSingleAsync();
        Assert.True(error.IsError(402));
        Assert.Equal("auth failed", error.GetProperty("msg").GetString());
        await client.SendAsync(Messages.Auth(sim));
        Assert.Equal("authenticated", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Auth_BearerHeaderWithAConfiguredToken_AuthenticatesUnderItsAccount()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(WithToken);
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), o => o.SetRequestHeader("Authorization", "Bearer " + Token.Token));

        await client.ReceiveSingleAsync();
        Assert.Equal("authenticated", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        Assert.Equal(Token.KeyId, Assert.Single(sim.Counters.Connections).KeyId);
    }

    [Fact]
    public async Task Auth_AccessTokenMessage_AuthenticatesAndIsRecordedMasked()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(WithToken);
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex));
        await client.ReceiveSingleAsync();

        await client.SendAsync($$"""{"action":"auth","key":"access_token","secret":"{{Token.Token}}"}""");

        Assert.Equal("authenticated", (await client.ReceiveSingleAsync()).GetProperty("msg").GetString());
        var received = Assert.Single(Assert.Single(sim.Counters.Connections).ReceivedMessages);
        Assert.DoesNotContain(Token.Token, received, StringComparison.Ordinal);
        Assert.Contains("access_token", received, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("message")]
    [InlineData("bearer")]
    public async Task Auth_UnknownToken_Error402(string how)
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(WithToken);
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), o =>
        {
            if (how == "bearer")
            {
                o.SetRequestHeader("Authorization", "Bearer not-a-token");
            }
        });
        await client.ReceiveSingleAsync();
        if (how == "message")
        {
            await client.SendAsync("""{"action":"auth","key":"access_token","secret":"not-a-token"}""");
        }

        Assert.True((await client.ReceiveSingleAsync()).IsError(402));
    }

    [Fact]
    public async Task Auth_TokenWhileItsAccountsKeyHoldsTheStream_Error406()
    {
        await using var sim = await AlpacaMarketSimulator.StartAsync(WithToken);
        await using var first = await RawClient.ConnectAuthenticatedAsync(sim, AlpacaSimulatorFeed.Iex);
        await using var second = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex), o => o.SetRequestHeader("Authorization", "Bearer " + Token.Token));
        await second.ReceiveSingleAsync();

        Assert.True(Assert.Single(await second.ReceiveUntilClosedAsync()).IsError(406));
    }

    [Fact]
    public async Task Auth_TokenNotEntitledToTheFeed_Error409()
    {
        var token = Token with { Feeds = new HashSet<AlpacaSimulatorFeed> { AlpacaSimulatorFeed.Crypto } };
        await using var sim = await AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { OAuthTokens = [token] });
        await using var client = await RawClient.ConnectAsync(sim.GetUri(AlpacaSimulatorFeed.Iex));
        await client.ReceiveSingleAsync();

        await client.SendAsync($$"""{"action":"auth","key":"access_token","secret":"{{token.Token}}"}""");

        Assert.True(Assert.Single(await client.ReceiveUntilClosedAsync()).IsError(409));
    }

    [Fact]
    public void OAuthToken_ToString_HidesTheToken()
    {
        Assert.DoesNotContain(Token.Token, Token.ToString(), StringComparison.Ordinal);
        Assert.Contains(Token.KeyId, Token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_TokenWithoutAccount_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => AlpacaMarketSimulator.StartAsync(AlpacaSimulatorOptions.Default with { OAuthTokens = [new AlpacaOAuthToken("t", " ")] }));
    }
}

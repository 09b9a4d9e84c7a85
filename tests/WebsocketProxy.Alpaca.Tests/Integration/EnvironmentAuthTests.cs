namespace WebsocketProxy.Alpaca.Tests.Integration;

/// <summary>Credentials read from the environment reach Alpaca and stay out of the proxy the process spawns.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class EnvironmentAuthTests
{
    [Fact]
    public async Task ConnectAsync_OAuthTokenFromTheEnvironment_AuthenticatesAndTheSpawnedProxyNeverHoldsIt()
    {
        var world = AuthFormTests.AuthWorld.For(AlpacaAuthMode.OAuth);
        var names = new[] { "APCA_API_KEY_ID", "APCA_API_SECRET_KEY", AlpacaCredentials.OAuthTokenVariable };
        var before = names.Select(Environment.GetEnvironmentVariable).ToArray();
        try
        {
            Environment.SetEnvironmentVariable(names[0], null);
            Environment.SetEnvironmentVariable(names[1], null);
            Environment.SetEnvironmentVariable(names[2], world.Valid.Secret);
            await using var context = await IntegrationContext.StartAsync(world.SimulatorOptions);

            // The proxy is spawned by this connect, while the variable is set in this process.
            var credentials = AlpacaCredentials.FromEnvironment();
            Assert.Equal(AlpacaAuthMode.OAuth, credentials?.Mode);
            var alpaca = await context.ConnectAsync("environment", credentials);
            await using var bars = alpaca.Bars("AAPL").GetAsyncEnumerator();
            await bars.NextAsync();

            Assert.Equal(world.KeyId, Assert.Single(context.Simulator.Counters.Connections).KeyId);
            await AuthFormTests.AssertNoSecretAnywhereAsync(context, world);
        }
        finally
        {
            for (var i = 0; i < names.Length; i++)
            {
                Environment.SetEnvironmentVariable(names[i], before[i]);
            }
        }
    }
}

namespace WebsocketProxy.Alpaca.Tests;

/// <summary>Tests that set the process's credential variables: alone, so no other test sees them change.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Credential environment variables";
}

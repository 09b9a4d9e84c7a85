namespace WebsocketProxy.Alpaca;

/// <summary>Which Alpaca market-data host to connect to.</summary>
public enum AlpacaEnvironment
{
    /// <summary>The production host.</summary>
    Production,

    /// <summary>The sandbox (broker API) host.</summary>
    Sandbox,
}

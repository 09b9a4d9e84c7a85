namespace WebsocketProxy.Alpaca.Gateway.Cli;

/// <summary>The <c>alpaca-gateway</c> command line.</summary>
internal static class GatewayCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        _ = args;
        return Task.FromResult(0);
    }
}

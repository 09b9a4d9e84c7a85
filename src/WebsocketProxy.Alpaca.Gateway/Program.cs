using WebsocketProxy.Alpaca.Gateway.Cli;

return await GatewayCommand.RunAsync(args).ConfigureAwait(false);

// The tool's entry point is not part of the library surface. The ASP.NET Core shared framework's source generator
// makes a top-level Program public (for WebApplicationFactory) unless it is declared here: keep it internal, as
// websocket-proxy's is.
internal sealed partial class Program;

using WebsocketProxy.Alpaca.Gateway.Cli;

return await GatewayCommand.RunAsync(args).ConfigureAwait(false);

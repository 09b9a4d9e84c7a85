using Microsoft.Extensions.Logging;
using WebsocketProxy.Client;
using WebsocketProxy.Server.Hosting;
using WebsocketProxy.Server.Logging;

namespace WebsocketProxy.Server.Cli;

/// <summary>The command-line verbs.</summary>
internal static class Commands
{
    public static async Task<int> RunAsync(ProxyServerOptions options, CancellationToken cancellationToken)
    {
        var levels = new LogLevelSwitch(options.LogLevel);
        using var loggers = LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            builder.AddFilter((_, _, level) => levels.IsEnabled(level));
            if (options.ConsoleLog)
            {
                builder.AddSimpleConsole(console =>
                {
                    console.SingleLine = true;
                    console.TimestampFormat = "HH:mm:ss.fff ";
                });
            }

            if (options.LogFile is not null)
            {
                builder.AddProvider(new FileLoggerProvider(options.LogFile, TimeProvider.System));
            }
        });
        try
        {
            return await ProxyServer.RunAsync(options, loggers, levels, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("websocket-proxy: " + ex.Message).ConfigureAwait(false);
            return 2;
        }
    }

    public static async Task<int> StatusAsync(string instance, CancellationToken cancellationToken)
    {
        try
        {
            var options = WebsocketProxyClientOptions.Default with { Name = "websocket-proxy status", Instance = instance, StartProxy = false, StartTimeout = TimeSpan.FromSeconds(5) };
            var client = await WebsocketProxyClient.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            await using (client.ConfigureAwait(false))
            {
                await Console.Out.WriteAsync(await client.GetStatusAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            }

            return 0;
        }
        catch (WebsocketProxyException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }
    }
}

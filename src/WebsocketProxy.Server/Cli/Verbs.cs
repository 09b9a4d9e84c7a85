using Microsoft.Extensions.Logging;
using WebsocketProxy.Client;
using WebsocketProxy.Ipc;
using WebsocketProxy.Server.Hosting;
using WebsocketProxy.Server.Logging;

namespace WebsocketProxy.Server.Cli;

/// <summary>The command-line verbs.</summary>
internal static class Verbs
{
    /// <param name="options">The proxy's settings.</param>
    /// <param name="detachFailed">--detach was asked for and setsid(2) failed: the proxy still shares its starter's Ctrl-C.</param>
    /// <param name="cancellationToken">Ctrl-C or SIGTERM.</param>
    public static async Task<int> RunAsync(ProxyServerOptions options, bool detachFailed, CancellationToken cancellationToken)
    {
        var levels = new LogLevelSwitch(options.LogLevel);
        FileLoggerProvider? file = null;
        try
        {
            file = options.LogFile is null ? null : new FileLoggerProvider(options.LogFile, TimeProvider.System);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A symlink or another user's file where the log should go: said, not followed.
            await Console.Error.WriteLineAsync("websocket-proxy: " + ex.Message).ConfigureAwait(false);
            return 2;
        }

        using var fileLog = file;
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

            if (file is not null)
            {
                builder.AddProvider(file);
            }
        });
        if (detachFailed)
        {
            loggers.CreateLogger("WebsocketProxy.Server").LogWarning(
                "Could not leave the starting program's session (setsid failed): a Ctrl-C in its terminal also stops this proxy.");
        }

        try
        {
            return await ProxyServer.RunAsync(options, loggers, levels, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("websocket-proxy: " + ex.Message).ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Most often another user squatting this user's shared-memory directory: the message names path and owner.
            await Console.Error.WriteLineAsync("websocket-proxy: cannot start: " + ex.Message).ConfigureAwait(false);
            return ProxyServer.FilesUnusable;
        }
    }

    public static async Task<int> StatusAsync(string instance, IpcBackend? backend, CancellationToken cancellationToken)
    {
        try
        {
            var options = WebsocketProxyClientOptions.Default with { Name = "websocket-proxy status", Instance = instance, StartProxy = false, StartTimeout = TimeSpan.FromSeconds(5), IpcBackend = backend };
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

    /// <summary>The <c>clean</c> verb: removes the files of <paramref name="instance"/> (or of every instance) that nothing holds.</summary>
    public static async Task<int> CleanAsync(string? instance, bool all, IpcBackend? backend, TextWriter output, TextWriter error)
    {
        if (all == (instance is not null))
        {
            await error.WriteLineAsync("websocket-proxy: clean takes either --instance NAME or --all.").ConfigureAwait(false);
            return 2;
        }

        var removed = 0;
        try
        {
            InstanceCleaner.Clean(
                instance,
                TimeProvider.System,
                path =>
                {
                    removed++;
                    output.WriteLine("removed " + path);
                },
                (path, reason) => output.WriteLine($"kept    {path}: {reason}"),
                backend);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync("websocket-proxy: " + ex.Message).ConfigureAwait(false);
            return 2;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("websocket-proxy: " + ex.Message).ConfigureAwait(false);
            return ProxyServer.FilesUnusable;
        }

        await output.WriteLineAsync(removed == 1 ? "1 file removed." : $"{removed} files removed.").ConfigureAwait(false);
        return 0;
    }
}

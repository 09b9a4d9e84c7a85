using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Server.Hosting;

internal sealed partial class ProxyServer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Proxy instance {Instance} started: pid {Pid}, ring epoch {Epoch}, grace period {GraceSeconds} s")]
    private static partial void LogStarted(ILogger logger, string instance, int pid, long epoch, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another proxy of instance {Instance} is already running; exiting")]
    private static partial void LogAlreadyRunning(ILogger logger, string instance);

    [LoggerMessage(Level = LogLevel.Error, Message = "A proxy of instance {Instance} already runs on the {Other} IPC back-end; this one was asked for {Backend} (--ipc-backend, else WEBSOCKET_PROXY_IPC_BACKEND). A proxy and its clients must use the same back-end: exiting")]
    private static partial void LogOtherBackendRunning(ILogger logger, string instance, string other, string backend);

    [LoggerMessage(Level = LogLevel.Information, Message = "No client for {GraceSeconds} s: exiting")]
    private static partial void LogIdleExit(ILogger logger, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch the IPC directory ({Error}); new clients are found by periodic scans only")]
    private static partial void LogNoWatcher(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning for clients failed: {Error}")]
    private static partial void LogScanFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping on request")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Id:x} could not be registered: {Error}")]
    private static partial void LogRegisterFailed(ILogger logger, long id, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Id:x} ({Name}, pid {Pid}) registered")]
    private static partial void LogClientRegistered(ILogger logger, long id, string name, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Id:x} ({Name}) {How}; its connections and subscriptions are released; {Remaining} clients left")]
    private static partial void LogClientGone(ILogger logger, long id, string name, string how, int remaining);

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {Id:x} ({Name}) opened connection {ConnectionId} to {Url} (new: {IsNew})")]
    private static partial void LogClientOpened(ILogger logger, long id, string name, long connectionId, string url, bool isNew);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Id:x} ({Name}) could not open a connection: {Error}")]
    private static partial void LogOpenFailed(ILogger logger, long id, string name, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Log level set to {Level} by {Client}")]
    private static partial void LogLevelChanged(ILogger logger, string level, string client);
}

using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Server.Upstream;

internal sealed partial class UpstreamConnection
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Id} to {Url} is open")]
    private static partial void LogOpened(ILogger logger, long id, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Id} to {Url} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, long id, string url, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Id} to {Url} reconnect attempt {Attempt} in {DelayMs:0} ms after: {Error}")]
    private static partial void LogRetry(ILogger logger, long id, string url, int attempt, double delayMs, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Id} to {Url}: the session lasted less than {ThresholdS:0.###} s; reconnecting in {DelayMs:0} ms, backoff kept")]
    private static partial void LogShortSession(ILogger logger, long id, string url, double thresholdS, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Id} to {Url} is restored for its clients after a proxy restart but the upstream is not back yet (retrying as after a drop): {Reason}")]
    private static partial void LogRestoreDeferred(ILogger logger, long id, string url, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {Id} to {Url} is back after {OutageMs:0} ms; its subscriptions were sent again")]
    private static partial void LogReconnected(ILogger logger, long id, string url, double outageMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Id} to {Url}: the new session dropped while its subscriptions were sent again; still reconnecting: {Reason}")]
    private static partial void LogDroppedWhileRestoring(ILogger logger, long id, string url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Id} to {Url}: {Lost} upstream messages dropped while its subscriptions were sent again after a reconnect (more than {MaxHeldBytes} bytes held); clients get a Gap with the count")]
    private static partial void LogHeldLost(ILogger logger, long id, string url, long lost, int maxHeldBytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connection {Id} to {Url} closed for good: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, long id, string url, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection {Id} to {Url} silent for {SilentMs:0} ms while subscribed: forcing a reconnect")]
    private static partial void LogStale(ILogger logger, long id, string url, double silentMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection {Id}: a subscription message was not sent ({Reason}); it is restored on reconnect")]
    private static partial void LogSubscriptionSendFailed(ILogger logger, long id, string reason);
}

using Microsoft.Extensions.Logging;
using Polly;
using WebsocketProxy.Client;
using WebsocketProxy.Protocol;
using WebsocketProxy.Server.Diagnostics;
using WebsocketProxy.Server.Topics;

namespace WebsocketProxy.Server.Upstream;

/// <summary>
/// One upstream WebSocket shared by every client that opened the same (URL, credentials): connects, sends
/// the prelude, waits for readiness, restores subscriptions after every reconnect (Polly retry with jittered
/// exponential backoff that carries over short sessions), detects dead links by keep-alive pings, and runs the
/// optional stale-data watchdog.
/// </summary>
internal sealed partial class UpstreamConnection : IAsyncDisposable
{
    private readonly IUpstreamEvents _events;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ProxyMetrics _metrics;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly SemaphoreSlim _topicLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TopicRegistry _topics;
    private readonly ResiliencePipeline<UpstreamSession> _reconnect;
    private UpstreamSession? _session;
    private volatile bool _hasTopics;
    private Task _run = Task.CompletedTask;
    private ITimer? _watchdog;
    private UpstreamHealth _health;
    private int _disposed;
    private volatile bool _ended;

    public UpstreamConnection(long id, string key, ProxyConnectionOptions options, IUpstreamEvents events, ILogger logger, TimeProvider time, ProxyMetrics metrics)
    {
        Id = id;
        Key = key;
        Options = options;
        _events = events;
        _logger = logger;
        _time = time;
        _metrics = metrics;
        _topics = new TopicRegistry(format: options.MessageFormat);
        _reconnect = BuildReconnectPipeline();
        _health = new UpstreamHealth(false, time.GetUtcNow(), 0, null);
    }

    public long Id { get; }

    /// <summary>The keyed hash of URL, headers and prelude; safe to keep and compare.</summary>
    public string Key { get; }

    public ProxyConnectionOptions Options { get; }

    /// <summary>The URL without query or user info, safe to log.</summary>
    public string SafeUrl => WebsocketProxy.Protocol.SafeUrl.Format(Options.Url);

    public bool IsConnected => Volatile.Read(ref _session) is not null;

    /// <summary>State, since when, reconnects and the last drop's reason, for <c>websocket-proxy status</c>.</summary>
    public UpstreamHealth Health => Volatile.Read(ref _health);

    /// <summary>Completes when the first session is ready; faults with an <see cref="UpstreamException"/> when it cannot be opened.</summary>
    public Task Ready => _firstReady.Task;

    /// <summary>
    /// Opened to restore a session that a previous proxy held until it died. The service may still count that session
    /// (Alpaca answers 406 for about 90 s after an abrupt drop), so a failed first connect is not final but a drop:
    /// <see cref="StartAsync"/> completes (the clients replay their subscriptions into the counts) and the connection
    /// goes on in an outage, retried as after any drop (<c>RetryAfterDropMarkers</c> within their window);
    /// <c>Reconnected</c> tells when it is back. A fatal refusal still fails the open.
    /// </summary>
    public bool Restoring { get; init; }

    /// <summary>Called once when the connection ends for good by itself (fatal error, attempts exhausted).</summary>
    public Action<UpstreamConnection>? Terminated { get; set; }

    public Task StartAsync()
    {
        _run = Task.Run(RunAsync);
        if (Options.StaleDataTimeout > TimeSpan.Zero)
        {
            var period = TimeSpan.FromTicks(Math.Max(Options.StaleDataTimeout.Ticks / 4, TimeSpan.FromMilliseconds(20).Ticks));
            _watchdog = _time.CreateTimer(_ => CheckStale(), null, period, period);
        }

        return _firstReady.Task;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _watchdog?.Dispose();
        var session = Volatile.Read(ref _session);
        if (session is not null)
        {
            await CloseGracefullyAsync(session).ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        session?.Abort("The connection was closed by the proxy.");
        await _run.ConfigureAwait(false);
        _firstReady.TrySetException(new UpstreamException("The connection was closed before it opened.", isFatal: true));
        if (!_ended)
        {
            // A connection that ended by itself has already told its clients why.
            _events.OnEvent(EventKind.Closed, Id, 0, "The last client closed the connection.");
        }

        _stopping.Dispose();
    }

    /// <summary>Held messages of a reconnected session (see <see cref="UpstreamSession.ReleaseHeld"/>) beyond which the rest are dropped and reported as lost.</summary>
    internal const int DefaultMaxHeldBytes = 16 << 20;

    /// <summary>How many bytes a reconnected session may hold while its subscriptions are sent again (tests lower it).</summary>
    internal int MaxHeldBytes { get; init; } = DefaultMaxHeldBytes;

    private void AnnounceReconnected(long outageStart)
    {
        var outage = _time.GetElapsedTime(outageStart);
        _metrics.Reconnects.Add(1);
        SetHealth(connected: true, Health.LastDrop, reconnected: true);
        LogReconnected(_logger, Id, SafeUrl, outage.TotalMilliseconds);
        _events.OnEvent(EventKind.Reconnected, Id, outage.Ticks, null);
    }

    /// <summary>After the held messages of a reconnected session: how many it dropped beyond <see cref="MaxHeldBytes"/>, as a Gap with the count.</summary>
    private void ReportHeldLost(long lost)
    {
        var message = $"{lost} upstream messages were dropped: more than {MaxHeldBytes} bytes arrived while the reconnected session's subscriptions were sent again.";
        LogHeldLost(_logger, Id, SafeUrl, lost, MaxHeldBytes);
        _events.OnEvent(EventKind.Lost, Id, lost, message);
    }

    private async Task RunAsync()
    {
        var token = _stopping.Token;
        var first = true;
        var outageStart = _time.GetTimestamp();
        while (!token.IsCancellationRequested)
        {
            UpstreamSession session;
            bool restored;
            try
            {
                session = first ? await ConnectOnceAsync(holdAfterReady: false, token).ConfigureAwait(false) : await ReconnectAsync(outageStart, token).ConfigureAwait(false);
                restored = await RestoreAsync(session, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (first && Restoring && ex is UpstreamException { IsFatal: false })
            {
                // Restoring a dead proxy's session: its first failure (the service still counting that session, a
                // network still down) starts an outage like any drop. The open is answered now; the subscriptions the
                // clients replay are counted and sent when the upstream is back, which Reconnected announces.
                first = false;
                _delayFirstAttempt = true;
                SetHealth(connected: false, ex.Message, reconnected: false);
                LogRestoreDeferred(_logger, Id, SafeUrl, ex.Message);
                _firstReady.TrySetResult();
                continue;
            }
            catch (Exception ex)
            {
                var message = ex is UpstreamException ? ex.Message : "The upstream connection failed: " + ex.Message;
                LogGaveUp(_logger, Id, SafeUrl, message);
                if (first)
                {
                    _firstReady.TrySetException(ex as UpstreamException ?? new UpstreamException(message, isFatal: true, ex));
                }
                else
                {
                    SetHealth(connected: false, message, reconnected: false);
                    _events.OnEvent(EventKind.Error, Id, 0, message);
                    _events.OnEvent(EventKind.Closed, Id, 0, message);
                }

                break;
            }

            var readyAt = _time.GetTimestamp();
            var announced = first || restored;
            if (first)
            {
                first = false;
                SetHealth(connected: true, lastDrop: null, reconnected: false);
                LogOpened(_logger, Id, SafeUrl);
                _events.OnEvent(EventKind.Opened, Id, 0, null);
                _firstReady.TrySetResult();
            }
            else if (restored)
            {
                // The subscriptions are on the wire and the session takes the clients' messages: a client told
                // Reconnected may send at once, and reconcile (Alpaca's orders by REST) knowing the restored
                // subscriptions went out first. Then what the session received since readiness, held until now, so
                // that none of it reaches a client ahead of the Reconnected it follows.
                AnnounceReconnected(outageStart);
                session.ReleaseHeld(ReportHeldLost);
            }
            else
            {
                // Dropped while its subscriptions were sent again, never announced: the outage the clients were told
                // of goes on, and what this session received goes nowhere (the Gap of the drop covers it).
                session.DiscardHeld();
            }

            var reason = await session.Completion.ConfigureAwait(false);
            await _topicLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _session, null);
            _topicLock.Release();
            session.Dispose();
            if (token.IsCancellationRequested || Volatile.Read(ref _disposed) != 0)
            {
                // Closed by the proxy (last holder left): not an outage.
                break;
            }

            var fatal = reason.IsFatal ? reason.Message : OnSessionEnded(_time.GetElapsedTime(readyAt), session.RefusalAfterReady);
            if (fatal is not null)
            {
                SetHealth(connected: false, fatal, reconnected: false);
                LogGaveUp(_logger, Id, SafeUrl, fatal);
                _events.OnEvent(EventKind.Error, Id, 0, fatal);
                _events.OnEvent(EventKind.Closed, Id, 0, fatal);
                break;
            }

            SetHealth(connected: false, reason.Message, reconnected: false);
            if (!announced)
            {
                // The clients still wait for the Reconnected of the drop before; the outage is counted from it.
                LogDroppedWhileRestoring(_logger, Id, SafeUrl, reason.Message);
                continue;
            }

            outageStart = _time.GetTimestamp();
            LogDropped(_logger, Id, SafeUrl, reason.Message);
            _events.OnEvent(EventKind.Disconnected, Id, 0, reason.Message);
        }

        if (!token.IsCancellationRequested && Volatile.Read(ref _disposed) == 0)
        {
            _ended = true;
            Terminated?.Invoke(this);
        }
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using WebsocketProxy.Client;
using WebsocketProxy.Server.Diagnostics;
using WebsocketProxy.Server.Upstream;
using WebsocketProxy.Tests.Shared;
using static WebsocketProxy.Tests.Shared.TestTemplates;

namespace WebsocketProxy.Server.Tests.Upstream;

/// <summary>The proxy's table of upstream connections, against a real Kestrel WebSocket server.</summary>
public sealed class UpstreamConnectionsTests : IAsyncLifetime
{
    private readonly RecordingEvents _events = new();
    private readonly ProxyMetrics _metrics = new();
    private readonly TimerTrackingTimeProvider _time = new();
    private TestWebSocketServer _server = null!;
    private UpstreamConnections _manager = null!;

    public async Task InitializeAsync()
    {
        _server = await TestWebSocketServer.StartAsync();
        _manager = new UpstreamConnections(_events, NullLoggerFactory.Instance, _time, _metrics);
    }

    public async Task DisposeAsync()
    {
        await _manager.DisposeAsync();
        await _server.DisposeAsync();
        _metrics.Dispose();
    }

    [Fact]
    public async Task Terminated_ConnectionEndsByItself_IsDisposedAndItsWatchdogStops()
    {
        var options = new ProxyConnectionOptions { Url = _server.Url, MaxReconnectAttempts = 0, StaleDataTimeout = TimeSpan.FromSeconds(30) };
        var (connection, _) = await _manager.OpenAsync(1, options);
        await connection.RegisterTemplateAsync(1, 1, Bars);
        await connection.SubscribeAsync(1, 1, ["AAPL"]);
        Assert.Equal(1, _time.LivePeriodicTimers);

        _server.DropAll();

        await _events.WaitForAsync(l => l.StartsWith("Closed", StringComparison.Ordinal));
        await _time.WaitForNoPeriodicTimerAsync(TimeSpan.FromSeconds(20));
        Assert.Empty(_manager.Snapshot());
    }

    /// <summary>Counts the periodic timers (the stale-data watchdog) still alive.</summary>
    private sealed class TimerTrackingTimeProvider : TimeProvider
    {
        private readonly Lock _gate = new();
        private readonly List<TaskCompletionSource> _waiters = [];
        private int _live;

        public int LivePeriodicTimers => Volatile.Read(ref _live);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = TimeProvider.System.CreateTimer(callback, state, dueTime, period);
            if (period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero)
            {
                return timer;
            }

            Interlocked.Increment(ref _live);
            return new TrackedTimer(timer, this);
        }

        public async Task WaitForNoPeriodicTimerAsync(TimeSpan timeout)
        {
            var none = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                if (_live == 0)
                {
                    return;
                }

                _waiters.Add(none);
            }

            try
            {
                await none.Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"{LivePeriodicTimers} periodic timer(s) still alive after {timeout}.");
            }
        }

        private void Disposed()
        {
            lock (_gate)
            {
                if (Interlocked.Decrement(ref _live) == 0)
                {
                    _waiters.ForEach(w => w.TrySetResult());
                    _waiters.Clear();
                }
            }
        }

        private sealed class TrackedTimer(ITimer inner, TimerTrackingTimeProvider owner) : ITimer
        {
            private int _disposed;

            public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

            public void Dispose()
            {
                inner.Dispose();
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    owner.Disposed();
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}

using Polly;
using Polly.Retry;

namespace WebsocketProxy.Server.Upstream;

/// <summary>
/// Reconnecting: capped, jittered exponential backoff whose level carries over sessions shorter than
/// <c>StableSessionThreshold</c> (so a service that accepts and then closes at once is not hammered), a time
/// window for "wait and retry" refusals after a drop, and a bound on other refusals in a row.
/// </summary>
/// <remarks>All the fields here are used by the run loop only (one attempt at a time), so they need no lock.</remarks>
internal sealed partial class UpstreamConnection
{
    private int _backoffLevel;
    private bool _delayFirstAttempt;
    private int _refusals;

    /// <summary>Jittered exponential delay for backoff level <paramref name="level"/>: within [half, whole] of min(initial·2^level, max).</summary>
    internal static TimeSpan Backoff(int level, TimeSpan initial, TimeSpan max, double random)
    {
        var exponential = initial.Ticks * Math.Pow(2, Math.Min(level, 62));
        var capped = Math.Min(exponential, max.Ticks);
        return TimeSpan.FromTicks((long)(capped * (0.5 + (0.5 * random))));
    }

    private TimeSpan NextDelay()
    {
        var delay = Backoff(_backoffLevel, Options.InitialBackoff, Options.MaxBackoff, Random.Shared.NextDouble());
        _backoffLevel = Math.Min(_backoffLevel + 1, 62);
        return delay;
    }

    /// <summary>Settles the backoff after a session ended by itself; returns why to give up, or <see langword="null"/> to reconnect.</summary>
    private string? OnSessionEnded(TimeSpan lived, string? refusal)
    {
        if (lived >= Options.StableSessionThreshold)
        {
            _backoffLevel = 0;
            _refusals = 0;
            _delayFirstAttempt = false;
            return null;
        }

        _delayFirstAttempt = true;
        if (refusal is not null && ++_refusals > Options.MaxRefusals)
        {
            return $"{SafeUrl} refused the session {_refusals} times in a row (MaxRefusals {Options.MaxRefusals}); giving up. Last refusal: {refusal}";
        }

        return null;
    }

    private async ValueTask<UpstreamSession> ReconnectAsync(long outageStart, CancellationToken token)
    {
        if (Options.MaxReconnectAttempts == 0)
        {
            throw new UpstreamException("The connection dropped and reconnecting is turned off.", isFatal: true);
        }

        if (_delayFirstAttempt)
        {
            // The last session was short: reconnecting at once would make a flapping service a reconnect storm.
            var delay = NextDelay();
            LogShortSession(_logger, Id, SafeUrl, Options.StableSessionThreshold.TotalSeconds, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, token).ConfigureAwait(false);
        }

        return await _reconnect.ExecuteAsync(ct => AttemptAsync(outageStart, ct), token).ConfigureAwait(false);
    }

    private async ValueTask<UpstreamSession> AttemptAsync(long outageStart, CancellationToken token)
    {
        try
        {
            return await ConnectOnceAsync(holdAfterReady: true, token).ConfigureAwait(false);
        }
        catch (UpstreamException ex) when (ex.Refusal == UpstreamRefusal.RetryAfterDrop)
        {
            var elapsed = _time.GetElapsedTime(outageStart);
            if (elapsed >= Options.RetryAfterDropWindow)
            {
                throw new UpstreamException(
                    $"{SafeUrl} kept refusing the session for {elapsed.TotalSeconds:0.#} s after the connection dropped (RetryAfterDropWindow {Options.RetryAfterDropWindow.TotalSeconds:0.#} s); giving up. {ex.Message}",
                    isFatal: true,
                    ex);
            }

            throw;
        }
        catch (UpstreamException ex) when (ex.Refusal == UpstreamRefusal.Refused)
        {
            if (++_refusals > Options.MaxRefusals)
            {
                throw new UpstreamException($"{SafeUrl} refused the session {_refusals} times in a row (MaxRefusals {Options.MaxRefusals}); giving up. {ex.Message}", isFatal: true, ex);
            }

            throw;
        }
    }

    private void SetHealth(bool connected, string? lastDrop, bool reconnected)
    {
        var current = Volatile.Read(ref _health);
        Volatile.Write(ref _health, new UpstreamHealth(connected, current.Connected == connected ? current.Since : _time.GetUtcNow(), current.Reconnects + (reconnected ? 1 : 0), lastDrop));
    }

    private ResiliencePipeline<UpstreamSession> BuildReconnectPipeline()
    {
        var builder = new ResiliencePipelineBuilder<UpstreamSession> { TimeProvider = _time };
        if (Options.MaxReconnectAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<UpstreamSession>
            {
                ShouldHandle = new PredicateBuilder<UpstreamSession>().Handle<UpstreamException>(e => !e.IsFatal),
                MaxRetryAttempts = Options.MaxReconnectAttempts,
                DelayGenerator = _ => new ValueTask<TimeSpan?>(NextDelay()),
                OnRetry = args =>
                {
                    LogRetry(_logger, Id, SafeUrl, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return default;
                },
            });
        }

        return builder.Build();
    }
}

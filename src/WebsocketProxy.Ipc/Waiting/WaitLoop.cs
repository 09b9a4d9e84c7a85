namespace WebsocketProxy.Ipc.Waiting;

/// <summary>Spin briefly, then register on the eventcount, re-check, and sleep in bounded slices.</summary>
internal static unsafe class WaitLoop
{
    public static bool Wait<TState>(
        EventCountWaker waker,
        WaitSettings settings,
        TState state,
        Func<TState, bool> ready,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (ready(state))
        {
            return true;
        }

        for (var i = 0; i < settings.SpinCount; i++)
        {
            Thread.SpinWait(20);
            if (ready(state))
            {
                return true;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var eventCount = waker.Events;
        var strategy = waker.Strategy;
        var time = settings.TimeProvider;
        var started = time.GetTimestamp();
        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(EventCountWaker.WakeAll, waker)
            : default;
        while (true)
        {
            var observed = eventCount.PrepareWait();
            try
            {
                if (ready(state))
                {
                    return true;
                }

                var remaining = timeout - time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    return false;
                }

                cancellationToken.ThrowIfCancellationRequested();
                strategy.Sleep(eventCount.Word, observed, remaining < settings.SleepSlice ? remaining : settings.SleepSlice);
            }
            finally
            {
                eventCount.CancelWait();
            }
        }
    }
}

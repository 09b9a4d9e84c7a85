namespace WebsocketProxy.Alpaca.Simulator.Connections;

/// <summary>A gate tasks wait at while it is shut; used to stop the server reading from clients.</summary>
internal sealed class AsyncGate
{
    private static readonly Task AlreadyOpen = Task.CompletedTask;
    private TaskCompletionSource? _shut;
    private readonly Lock _lock = new();

    public bool IsOpen
    {
        get
        {
            lock (_lock)
            {
                return _shut is null;
            }
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _shut is null ? AlreadyOpen : _shut.Task.WaitAsync(cancellationToken);
        }
    }

    public void Shut()
    {
        lock (_lock)
        {
            _shut ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public void Open()
    {
        TaskCompletionSource? shut;
        lock (_lock)
        {
            shut = _shut;
            _shut = null;
        }

        shut?.TrySetResult();
    }
}

using System.Threading.Tasks.Sources;

namespace WebsocketProxy.Streaming;

/// <summary>
/// The bounded buffer between the shared frame reader (one producer that must never wait) and one
/// consumer. <see cref="Post"/> never blocks: the policy decides what gives when the buffer is full.
/// </summary>
/// <remarks>
/// One consumer: <see cref="WaitToReadAsync"/> returns a <see cref="ValueTask{TResult}"/> over this buffer's one
/// reusable waiter, so waiting allocates nothing. A second wait while one is outstanding is an
/// <see cref="InvalidOperationException"/>; each returned task must be awaited (or read) exactly once.
/// </remarks>
internal sealed class StreamBuffer<T> : IValueTaskSource<bool>
{
    private readonly Lock _gate = new();
    private readonly BufferPolicy _policy;
    private readonly int _capacity;
    private readonly Queue<T> _queue = new();
    private readonly Dictionary<string, T>? _latest;
    private readonly Queue<string>? _order;
    // Continuations run asynchronously so the shared reader never runs consumer code.
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
    private CancellationTokenRegistration _cancellation;
    private bool _armed; // a wait is outstanding and no one has completed it yet (under _gate)
    private bool _outstanding; // a ValueTask over _waiter has been handed out and not yet read (consumer only)
    private bool _completed;
    private Exception? _error;
    private long _dropped;

    public StreamBuffer(StreamBufferOptions options)
    {
        _policy = options.Policy;
        _capacity = options.Capacity;
        if (_policy == BufferPolicy.LatestPerSymbol)
        {
            _latest = new Dictionary<string, T>(StringComparer.Ordinal);
            _order = new Queue<string>();
        }
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return PendingCount;
            }
        }
    }

    private int PendingCount => _order?.Count ?? _queue.Count;

    public void Post(T item, string? symbol)
    {
        bool wake;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            switch (_policy)
            {
                case BufferPolicy.Fail when _queue.Count >= _capacity:
                    // The pump must not wait (it feeds every stream of the process): this stream ends instead.
                    _completed = true;
                    _error = new StreamOverflowException(
                        $"The consumer fell {_capacity} messages behind on a stream with BufferPolicy.Fail; it ended rather than lose messages or stall the process's other streams. Read faster, raise StreamBufferOptions.Capacity, or choose DropOldest or LatestPerSymbol.");
                    break;
                case BufferPolicy.Fail:
                    _queue.Enqueue(item);
                    break;
                case BufferPolicy.DropOldest:
                    if (_queue.Count >= _capacity)
                    {
                        _queue.Dequeue();
                        _dropped++;
                    }

                    _queue.Enqueue(item);
                    break;
                default:
                    PostLatest(item, symbol ?? string.Empty);
                    break;
            }

            wake = _armed;
            _armed = false;
        }

        if (wake)
        {
            _waiter.SetResult(true);
        }
    }

    public bool TryRead(out T item)
    {
        lock (_gate)
        {
            if (_order is not null)
            {
                if (_order.TryDequeue(out var symbol) && _latest!.Remove(symbol, out item!))
                {
                    return true;
                }

                item = default!;
                return false;
            }

            return _queue.TryDequeue(out item!);
        }
    }

    /// <summary>Completes when an item can be read (<see langword="true"/>) or the buffer is complete and empty (<see langword="false"/>, or the failure).</summary>
    /// <exception cref="InvalidOperationException">A wait of this buffer is still outstanding (one consumer only).</exception>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        short version;
        lock (_gate)
        {
            if (_outstanding)
            {
                throw new InvalidOperationException("A stream has one reader: a previous WaitToReadAsync is still outstanding.");
            }

            if (PendingCount > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return _error is null ? new ValueTask<bool>(false) : ValueTask.FromException<bool>(_error);
            }

            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<bool>(cancellationToken);
            }

            _waiter.Reset();
            version = _waiter.Version;
            _outstanding = true;
            _armed = true;
        }

        if (cancellationToken.CanBeCanceled)
        {
            // Registration nodes are pooled by the token source, so a wait allocates nothing once warm. A token
            // cancelled since the check above runs the callback here, which completes the wait.
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((StreamBuffer<T>)state!).Cancel(token), this);
        }

        return new ValueTask<bool>(this, version);
    }

    /// <inheritdoc />
    bool IValueTaskSource<bool>.GetResult(short token)
    {
        try
        {
            if (_waiter.GetResult(token))
            {
                return true;
            }

            // Woken by Complete: the buffer was empty (a wait is armed only then, and Post disarms it).
            lock (_gate)
            {
                return _error is null ? false : throw _error;
            }
        }
        finally
        {
            // Waits for a cancellation callback running now, so it cannot complete the next wait.
            _cancellation.Dispose();
            _cancellation = default;
            Volatile.Write(ref _outstanding, false);
        }
    }

    /// <inheritdoc />
    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    /// <inheritdoc />
    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
        => _waiter.OnCompleted(continuation, state, token, flags);

    /// <summary>No more items; readers drain what is buffered, then see the end or <paramref name="error"/>.</summary>
    public void Complete(Exception? error)
    {
        bool wake;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _error = error;
            wake = _armed;
            _armed = false;
        }

        if (wake)
        {
            _waiter.SetResult(false);
        }
    }

    private void Cancel(CancellationToken token)
    {
        lock (_gate)
        {
            if (!_armed)
            {
                return;
            }

            _armed = false;
        }

        _waiter.SetException(new OperationCanceledException(token));
    }

    private void PostLatest(T item, string symbol)
    {
        if (_latest!.ContainsKey(symbol))
        {
            _latest[symbol] = item;
            _dropped++;
            return;
        }

        if (_order!.Count >= _capacity)
        {
            _latest.Remove(_order.Dequeue());
            _dropped++;
        }

        _order.Enqueue(symbol);
        _latest[symbol] = item;
    }
}

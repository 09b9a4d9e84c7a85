namespace WebsocketProxy.Streaming;

/// <summary>
/// The bounded buffer between the shared frame reader (one producer that must never wait) and one
/// consumer. <see cref="Post"/> never blocks: the policy decides what gives when the buffer is full.
/// </summary>
internal sealed class StreamBuffer<T>
{
    private readonly Lock _gate = new();
    private readonly BufferPolicy _policy;
    private readonly int _capacity;
    private readonly Queue<T> _queue = new();
    private readonly Dictionary<string, T>? _latest;
    private readonly Queue<string>? _order;
    private TaskCompletionSource<bool>? _waiter;
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
        TaskCompletionSource<bool>? waiter;
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

            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult(true);
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
    public async ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<bool> wait;
            lock (_gate)
            {
                if (PendingCount > 0)
                {
                    return true;
                }

                if (_completed)
                {
                    return _error is null ? false : throw _error;
                }

                // Continuations run asynchronously so the shared reader never runs consumer code.
                _waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>No more items; readers drain what is buffered, then see the end or <paramref name="error"/>.</summary>
    public void Complete(Exception? error)
    {
        TaskCompletionSource<bool>? waiter;
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _error = error;
            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult(false);
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

using System.Threading.Tasks.Sources;

namespace WebsocketProxy.Streaming;

/// <summary>
/// The bounded buffer between the shared frame reader (one producer that must never wait) and one
/// consumer. <see cref="Post"/> never blocks: the policy decides what gives when the buffer is full.
/// </summary>
/// <remarks>
/// <para>
/// One consumer: <see cref="WaitToReadAsync"/> returns a <see cref="ValueTask{TResult}"/> over this buffer's one
/// reusable waiter, so waiting allocates nothing. A second wait while one is outstanding is an
/// <see cref="InvalidOperationException"/>; each returned task must be awaited (or read) exactly once, and so is a
/// <see cref="TryRead"/> on another thread while one runs.
/// </para>
/// <para>
/// With <see cref="BufferPolicy.Fail"/> (the default) the consumer takes everything waiting at once: when its own
/// batch is empty, <see cref="TryRead"/> swaps the shared queue for its empty one under the lock, then reads the batch
/// without it. The pump and the consumer then meet on the lock once per batch instead of once per message each (each
/// meeting moves the lock's cache line between cores). The capacity still counts every message not yet read, the
/// taken batch included. The dropping policies keep taking one message at a time under the lock: what they drop must
/// be the oldest message not yet read, which a taken batch would put out of the pump's reach.
/// </para>
/// </remarks>
internal sealed class StreamBuffer<T> : IValueTaskSource<bool>
{
    private readonly Lock _gate = new();
    private readonly BufferPolicy _policy;
    private readonly int _capacity;
    private readonly bool _batched;
    private Queue<T> _queue = new(); // the pump's side (under _gate); swapped with _taken in batched mode
    private Queue<T> _taken = new(); // batched mode: the consumer's batch, read without the lock (consumer only)
    private int _takenCount; // _taken.Count, written by the consumer, read by the pump only near the capacity
    private int _takenAtSwap; // _taken.Count when it was swapped in (under _gate): an upper bound of _takenCount
    private int _reading; // 1 while a TryRead runs: a second reader is refused, not allowed to corrupt the batch
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
        _batched = _policy == BufferPolicy.Fail;
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

    // Under _gate. The consumer's batch counts as pending until read; its exact count is read only when the bound says
    // the buffer may be full, so the pump does not touch the consumer's cache line on every post.
    private int PendingCount => _order?.Count ?? _queue.Count + Volatile.Read(ref _takenCount);

    private bool IsFull => _queue.Count + _takenAtSwap >= _capacity && PendingCount >= _capacity;

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
                case BufferPolicy.Fail when IsFull:
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

    /// <summary>Takes the next message, if any (consumer only).</summary>
    /// <exception cref="InvalidOperationException">Another thread is reading this buffer at the same time (one consumer only).</exception>
    public bool TryRead(out T item)
    {
        if (Interlocked.Exchange(ref _reading, 1) != 0)
        {
            throw new InvalidOperationException("A stream has one reader: TryRead was called on two threads at once.");
        }

        try
        {
            return _batched ? TryReadBatched(out item) : TryReadOne(out item);
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    private bool TryReadBatched(out T item)
    {
        if (_taken.Count == 0)
        {
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    item = default!;
                    return false;
                }

                // The whole shared queue becomes the consumer's batch; the pump goes on with the consumer's empty queue.
                (_queue, _taken) = (_taken, _queue);
                _takenAtSwap = _taken.Count;
                Volatile.Write(ref _takenCount, _taken.Count);
            }
        }

        item = _taken.Dequeue();
        Volatile.Write(ref _takenCount, _taken.Count);
        return true;
    }

    private bool TryReadOne(out T item)
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

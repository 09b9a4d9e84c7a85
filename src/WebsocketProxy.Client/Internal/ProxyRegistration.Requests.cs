using System.Buffers;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Internal;

internal sealed partial class ProxyRegistration
{
    /// <summary>Sends a command and waits for its reply; throws <see cref="WebsocketProxyException"/> on an error reply.</summary>
    public async Task<Reply> RequestAsync(Func<long, Command> create, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pending = Post(create);
        try
        {
            return Check(await pending.Task.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false));
        }
        catch (TimeoutException ex)
        {
            throw new WebsocketProxyException($"The proxy did not answer within {timeout.TotalSeconds:0.#} s.", ex);
        }
        finally
        {
            _pending.TryRemove(pending.Id, out _);
        }
    }

    /// <summary>Writes an arbitrary record and waits for the reply addressed to <paramref name="correlationId"/> (protocol tests).</summary>
    internal async Task<Reply> RequestRawAsync(long correlationId, byte[] record, TimeSpan timeout)
    {
        var completion = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlationId] = completion;
        var buffer = new ArrayBufferWriter<byte>(record.Length);
        buffer.Write(record);
        await WriteAsync(buffer, completion).ConfigureAwait(false);
        return await completion.Task.WaitAsync(timeout, _time).ConfigureAwait(false);
    }

    /// <summary>Writes a command that gets no reply (heartbeat); dropped when the ring is full or the registration closed.</summary>
    public void TryPost(Command command)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        CommandCodec.Encode(command, buffer);
        if (_writeLock.Wait(0))
        {
            try
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    _requests.TryWrite(buffer.WrittenSpan);
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
    }

    private PendingRequest Post(Func<long, Command> create)
    {
        ThrowIfFailed();
        var correlation = Interlocked.Increment(ref _nextCorrelation);
        var command = create(correlation);
        var buffer = new ArrayBufferWriter<byte>(256);
        CommandCodec.Encode(command, buffer);
        if (buffer.WrittenCount > _requests.MaxMessageLength)
        {
            throw new WebsocketProxyException($"The {command.Kind} command is {buffer.WrittenCount} bytes; the command ring takes at most {_requests.MaxMessageLength}.");
        }

        var completion = new TaskCompletionSource<Reply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlation] = completion;

        // Fail may have run between the check above and the registration: it did not see this request.
        if (Volatile.Read(ref _failure) is not null)
        {
            _pending.TryRemove(correlation, out _);
            ThrowIfFailed();
        }

        var pending = new PendingRequest(correlation, completion.Task);
        _ = WriteAsync(buffer, completion);
        return pending;
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new WebsocketProxyException(failure.Message, failure);
        }
    }

    /// <summary>
    /// A full ring means the proxy is behind on this client's commands: wait for room (only this client waits).
    /// Every way out of here leaves the request answered or failed, so no caller waits for its timeout in vain.
    /// </summary>
    private async Task WriteAsync(ArrayBufferWriter<byte> buffer, TaskCompletionSource<Reply> completion)
    {
        var locked = false;
        try
        {
            await _writeLock.WaitAsync(_stopping).ConfigureAwait(false);
            locked = true;

            // Checked under the lock: Dispose unmaps the ring only while holding it.
            while (Volatile.Read(ref _disposed) == 0 && !_stopping.IsCancellationRequested && !_requests.TryWrite(buffer.WrittenSpan))
            {
                if (completion.Task.IsCompleted)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(1), _time, _stopping).ConfigureAwait(false);
            }

            if (Volatile.Read(ref _disposed) != 0 || _stopping.IsCancellationRequested)
            {
                completion.TrySetException(Closed());
            }
        }
        catch (OperationCanceledException)
        {
            completion.TrySetException(Closed());
        }
        finally
        {
            if (locked)
            {
                _writeLock.Release();
            }
        }
    }

    private WebsocketProxyException Closed() =>
        Volatile.Read(ref _failure) is { } failure ? new WebsocketProxyException(failure.Message, failure) : new WebsocketProxyException("The client is closed.");

    private static Reply Check(Reply reply) =>
        reply.Ok ? reply : throw new WebsocketProxyException(reply.Error ?? "The proxy refused the request.");

    private void ReplyLoop()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var token = _stopping;
        try
        {
            while (!token.IsCancellationRequested)
            {
                buffer.ResetWrittenCount();
                var result = _replies.TryRead(buffer);
                if (result.Status == ReadStatus.Message)
                {
                    Complete(buffer.WrittenSpan);
                }
                else if (result.Status == ReadStatus.Empty)
                {
                    _replies.WaitForData(TimeSpan.FromMilliseconds(100), token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Registration closed.
        }
        catch (ObjectDisposedException)
        {
            // Registration closed.
        }
#pragma warning disable CA1031 // An unhandled exception on this thread would end the application: fail the registration instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The frame pump sees the registration lost and recovers onto a fresh registration.
            MarkLost("reading its replies failed: " + ex.Message);
            Fail(new WebsocketProxyException("Reading the proxy's replies failed; the client is reconnecting: " + ex.Message, ex));
        }
    }

    private void Complete(ReadOnlySpan<byte> record)
    {
        Reply reply;
        try
        {
            reply = Reply.Decode(record);
        }
        catch (ProtocolException)
        {
            return;
        }

        if (_pending.TryRemove(reply.CorrelationId, out var pending))
        {
            pending.TrySetResult(reply);
        }
    }

    private readonly record struct PendingRequest(long Id, Task<Reply> Task);
}

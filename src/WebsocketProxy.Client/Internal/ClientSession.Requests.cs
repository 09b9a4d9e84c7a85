using System.Buffers;
using WebsocketProxy.Client.Protocol;
using WebsocketProxy.Ipc;

namespace WebsocketProxy.Client.Internal;

internal sealed partial class ClientSession
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

    /// <summary>Writes a command that gets no reply (heartbeat); dropped when the ring is full.</summary>
    public void TryPost(Command command)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        CommandCodec.Encode(command, buffer);
        if (_writeLock.Wait(0))
        {
            try
            {
                _requests.TryWrite(buffer.WrittenSpan);
            }
            finally
            {
                _writeLock.Release();
            }
        }
    }

    private PendingRequest Post(Func<long, Command> create)
    {
        if (_failure is { } failure)
        {
            throw new WebsocketProxyException(failure.Message, failure);
        }

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
        var pending = new PendingRequest(correlation, completion.Task);
        _ = WriteAsync(buffer, completion);
        return pending;
    }

    /// <summary>A full ring means the proxy is behind on this client's commands: wait for room (only this client waits).</summary>
    private async Task WriteAsync(ArrayBufferWriter<byte> buffer, TaskCompletionSource<Reply> completion)
    {
        await _writeLock.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            while (!_requests.TryWrite(buffer.WrittenSpan))
            {
                if (_stop.IsCancellationRequested || completion.Task.IsCompleted)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(1), _time, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            completion.TrySetException(new WebsocketProxyException("The client is closed."));
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static Reply Check(Reply reply) =>
        reply.Ok ? reply : throw new WebsocketProxyException(reply.Error ?? "The proxy refused the request.");

    private void ReplyLoop()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var token = _stop.Token;
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
            // Session closed.
        }
        catch (ObjectDisposedException)
        {
            // Session closed.
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

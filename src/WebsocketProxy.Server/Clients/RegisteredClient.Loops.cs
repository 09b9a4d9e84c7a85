using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WebsocketProxy.Ipc;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Server.Clients;

internal sealed partial class RegisteredClient
{
    private void ReadLoop()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        var lastProbe = Stopwatch.GetTimestamp();
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested && !_leaving)
            {
                _credits.Wait(token);
                if (!TryTakeOne(buffer, ref lastProbe, token))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The proxy is stopping.
        }
#pragma warning disable CA1031 // An unhandled exception on this thread would end the proxy for every client: drop this one.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReadFailed(_logger, Id, Name, ex);
        }
        finally
        {
            // The client is gone (or dropped): opens waiting for a slot must not start for it any more.
            EndReading();
            _incoming.Writer.TryComplete();
        }
    }

    /// <summary>Waits for one well-formed record (or a rejectable one) and queues it; <see langword="false"/> when the client is gone.</summary>
    private bool TryTakeOne(ArrayBufferWriter<byte> buffer, ref long lastProbe, CancellationToken token)
    {
        while (!token.IsCancellationRequested && !_leaving)
        {
            buffer.ResetWrittenCount();
            var result = _requests.TryRead(buffer);
            switch (result.Status)
            {
                case ReadStatus.Message:
                    _incoming.Writer.TryWrite(Decode(buffer.WrittenSpan));
                    return true;
                case ReadStatus.Corrupt:
                    Interlocked.Increment(ref _rejected);
                    LogCorrupt(_logger, Id, Name);
                    continue;
                default:
                    if (Stopwatch.GetElapsedTime(lastProbe) >= _liveness)
                    {
                        lastProbe = Stopwatch.GetTimestamp();
                        if (!ProbeLease())
                        {
                            LogDied(_logger, Id, Name);
                            return false;
                        }
                    }

                    _requests.WaitForData(_liveness, token);
                    continue;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the client still holds its lease. A probe that cannot tell (out of file descriptors, say) counts as
    /// alive and is tried again at the next probe, logged once per client rather than at every probe.
    /// </summary>
    private bool ProbeLease()
    {
        try
        {
            return Lease.IsHeld(_leasePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!_probeFailed)
            {
                _probeFailed = true;
                LogProbeFailed(_logger, Id, Name, ex.Message);
            }

            return true;
        }
    }

    private static Incoming Decode(ReadOnlySpan<byte> record)
    {
        try
        {
            var command = CommandCodec.Decode(record);
            return new Incoming(command, command.Kind, command.CorrelationId, null);
        }
        catch (ProtocolException ex)
        {
            return CommandCodec.TryPeekHeader(record, out var kind, out var correlation)
                ? new Incoming(null, kind, correlation, "Malformed command: " + ex.Message)
                : new Incoming(null, 0, 0, "Malformed command: " + ex.Message);
        }
    }

    private async Task ProcessAsync()
    {
        await foreach (var item in _incoming.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
        {
            try
            {
                if (item.Command is null)
                {
                    LogMalformed(_logger, Id, Name, item.Error!);
                    ReplyError(item.Kind, item.CorrelationId, item.Error!);
                }
                else if (!_greeted && item.Command is not HelloCommand)
                {
                    RefuseBeforeHello(item.Command);
                }
                else
                {
                    _greeted = true;
                    await _dispatch(this, item.Command).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // A bug handling one command must not stop this client's loop, nor the proxy.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogUnexpected(_logger, Id, Name, ex);
                ReplyError(item.Kind, item.CorrelationId, "The proxy failed to handle the command: " + ex.Message);
            }
            finally
            {
                _credits.Release();
            }

            if (_leaving)
            {
                return;
            }
        }
    }

    /// <summary>
    /// A registration starts with its hello, so a command before it was written for another proxy: this one found a
    /// registration that a proxy which has since died was serving (its client, still alive, has not noticed yet).
    /// Executing it could open, send or subscribe twice (the client has failed it already and may retry), so it is
    /// answered with why it was not executed; the client replaces the whole registration when it notices.
    /// </summary>
    private void RefuseBeforeHello(Command command)
    {
        if (_refusedBeforeHello++ == 0)
        {
            LogCommandsBeforeHello(_logger, Id, command.Kind.ToString());
        }

        if (command is HeartbeatCommand)
        {
            // Never answered.
            return;
        }

        ReplyError(command.Kind, command.CorrelationId, "Not executed: the command came before this registration's hello, so it was written for a proxy that has gone; the client reconnects with a fresh registration.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Id:x}: its request ring starts with a {Kind} command, not a hello: left for a proxy that has gone; such commands are refused, not executed")]
    private static partial void LogCommandsBeforeHello(ILogger logger, long id, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Client {Id:x} ({Name}): reading its commands failed; the client is dropped")]
    private static partial void LogReadFailed(ILogger logger, long id, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Id:x} ({Name}): cannot probe its lease ({Error}); assuming it is alive and retrying")]
    private static partial void LogProbeFailed(ILogger logger, long id, string name, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Id:x} ({Name}) wrote a corrupt record; skipped")]
    private static partial void LogCorrupt(ILogger logger, long id, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Id:x} ({Name}): {Error}")]
    private static partial void LogMalformed(ILogger logger, long id, string name, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Client {Id:x} ({Name}): handling a command failed")]
    private static partial void LogUnexpected(ILogger logger, long id, string name, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Id:x} ({Name}) died without saying goodbye")]
    private static partial void LogDied(ILogger logger, long id, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Id:x} ({Name}) does not drain its reply ring; a reply was dropped")]
    private static partial void LogReplyDropped(ILogger logger, long id, string name);
}

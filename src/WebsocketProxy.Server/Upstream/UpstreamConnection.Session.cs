using System.Net.WebSockets;
using System.Security.Authentication;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Server.Upstream;

internal sealed partial class UpstreamConnection
{
    /// <summary>
    /// One attempt: connect, start receiving, send the prelude, wait for readiness. A session that replaces one that
    /// dropped (<paramref name="holdAfterReady"/>) holds what it receives after readiness until it is announced.
    /// </summary>
    private async ValueTask<UpstreamSession> ConnectOnceAsync(bool holdAfterReady, CancellationToken token)
    {
        var socket = new ClientWebSocket();
        UpstreamSession? session = null;
        try
        {
            var contentHeaders = HandshakeContentHeaders.ContentHeadersOf(Options.Headers);
            foreach (var (name, value) in Options.Headers)
            {
                if (!contentHeaders.Exists(h => h.Key == name))
                {
                    socket.Options.SetRequestHeader(name, value);
                }
            }

            socket.Options.KeepAliveInterval = Options.KeepAliveInterval;
            if (Options.KeepAliveTimeout > TimeSpan.Zero)
            {
                // Pings that must be answered: a half-open link (no RST, no close, nothing read) ends within about
                // KeepAliveInterval + KeepAliveTimeout instead of going silent for good.
                socket.Options.KeepAliveTimeout = Options.KeepAliveTimeout;
            }

            using var deadline = new CancellationTokenSource(Options.ConnectTimeout, _time);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token, deadline.Token);
            // Off the socket event thread (InlineSocketCompletions): what follows is not the receive loop's short work.
            if (contentHeaders.Count == 0)
            {
                await socket.ConnectAsync(Options.Url, timeout.Token).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            }
            else
            {
                // The socket keeps its connection when the invoker goes (as ClientWebSocket does with its own handler).
                using var invoker = HandshakeContentHeaders.Invoker(contentHeaders);
                await socket.ConnectAsync(Options.Url, invoker, timeout.Token).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            }
            session = new UpstreamSession(socket, Options, OnMessage, holdAfterReady ? MaxHeldBytes : 0);
            session.Start(_time);
            foreach (var message in Options.Prelude)
            {
                // Validate() checked that every message converts when the format asks for it.
                await SendOnAsync(session, ComposedMessage.Encode(message, Options.MessageFormat), ComposedFrameType, timeout.Token).ConfigureAwait(false);
            }

            await session.Ready.WaitAsync(Options.ReadinessTimeout, _time, token).ConfigureAwait(false);
            return session;
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            if (session is null)
            {
                socket.Dispose();
            }
            else
            {
                session.Dispose();
            }

            throw Describe(ex);
        }
    }

    private UpstreamException Describe(Exception ex) => ex switch
    {
        UpstreamException upstream => upstream,
        TimeoutException => new UpstreamException($"{SafeUrl} did not become ready within {Options.ReadinessTimeout.TotalSeconds:0.###} s (readiness marker not seen).", isFatal: false, ex),
        OperationCanceledException => new UpstreamException($"Connecting to {SafeUrl} timed out after {Options.ConnectTimeout.TotalSeconds:0.###} s.", isFatal: false, ex),
        WebSocketException { InnerException: var inner } when FindTls(inner) is { } tls => new UpstreamException($"TLS failure connecting to {SafeUrl}: {tls.Message}", isFatal: false, ex),
        WebSocketException ws => new UpstreamException($"Cannot connect to {SafeUrl}: {ws.Message} {ws.InnerException?.Message}".TrimEnd(), isFatal: false, ex),
        ArgumentException arg => new UpstreamException($"Invalid connection options for {SafeUrl}: {arg.Message}", isFatal: true, ex),
        _ => new UpstreamException($"Cannot connect to {SafeUrl}: {ex.Message}", isFatal: false, ex),
    };

    private static AuthenticationException? FindTls(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is AuthenticationException tls)
            {
                return tls;
            }
        }

        return null;
    }

    private void OnMessage(WebSocketMessageType type, ReadOnlyMemory<byte> payload)
    {
        _metrics.FramesReceived.Add(1);
        _metrics.BytesReceived.Add(payload.Length);
        _events.OnMessage(Id, type, payload.Span);
    }

    private async Task SendOnAsync(UpstreamSession session, ReadOnlyMemory<byte> payload, WebSocketMessageType type, CancellationToken token)
    {
        await _sendLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            var send = session.Socket.SendAsync(payload, type, endOfMessage: true, token);
            if (send.IsCompletedSuccessfully)
            {
                send.GetAwaiter().GetResult();
            }
            else
            {
                // A send that had to wait for the socket completes on the socket event thread when completions run
                // inline (InlineSocketCompletions): whatever the caller does next (a client's command, a restore) runs
                // on the thread pool instead, so that it can never hold up the receive loops.
                await send.AsTask().ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            }

            _metrics.FramesSent.Add(1);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task CloseGracefullyAsync(UpstreamSession session)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _sendLock.WaitAsync(timeout.Token).ConfigureAwait(false);
            try
            {
                await session.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "closed by proxy", timeout.Token).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing is best effort: the socket is aborted right after.
        }
    }

    private void CheckStale()
    {
        var session = Volatile.Read(ref _session);
        if (session is null || !_hasTopics)
        {
            return;
        }

        var silent = _time.GetElapsedTime(session.LastMessageTimestamp);
        if (silent > Options.StaleDataTimeout)
        {
            LogStale(_logger, Id, SafeUrl, silent.TotalMilliseconds);
            session.Abort($"No upstream data for {silent.TotalSeconds:0.###} s while subscribed (stale-data watchdog).");
        }
    }
}

using System.Net.WebSockets;
using WebsocketProxy.Client;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Server.Upstream;

internal sealed partial class UpstreamConnection
{
    /// <summary>The frame type of the messages the proxy composes (prelude, subscribe, unsubscribe): see <see cref="ProxyConnectionOptions.MessageFormat"/>.</summary>
    private WebSocketMessageType ComposedFrameType => ComposedMessage.FrameType(Options.MessageFormat);

    /// <summary>Sends one client message upstream; fails at once while the connection is reconnecting.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> payload, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        var session = Volatile.Read(ref _session)
            ?? throw new UpstreamException($"Connection {Id} to {SafeUrl} is reconnecting; the message was not sent.", isFatal: false);
        try
        {
            await SendOnAsync(session, payload, type, cancellationToken).ConfigureAwait(false);
        }
        catch (WebSocketException ex)
        {
            throw new UpstreamException($"Sending on connection {Id} failed: {ex.Message}", isFatal: false, ex);
        }
    }

    /// <summary>Registers a client's template under its id (see <see cref="Topics.TopicRegistry.RegisterTemplate"/>); nothing goes upstream.</summary>
    public Task RegisterTemplateAsync(long clientId, int templateId, SubscriptionTemplate template) =>
        ChangeTopicsAsync(registry =>
        {
            registry.RegisterTemplate(clientId, templateId, template);
            return [];
        });

    public Task SubscribeAsync(long clientId, int templateId, IReadOnlyList<string> topics) =>
        ChangeTopicsAsync(registry => registry.Subscribe(clientId, templateId, topics));

    public Task UnsubscribeAsync(long clientId, int templateId, IReadOnlyList<string> topics) =>
        ChangeTopicsAsync(registry => registry.Unsubscribe(clientId, templateId, topics));

    /// <summary>Drops every subscription <paramref name="clientId"/> held, unsubscribing upstream what nobody else holds.</summary>
    public Task ReleaseClientAsync(long clientId) =>
        ChangeTopicsAsync(registry => registry.ReleaseClient(clientId));

    public async Task<List<(string Group, string Topic, int Clients)>> GetTopicsAsync()
    {
        await _topicLock.WaitAsync().ConfigureAwait(false);
        try
        {
            return _topics.Snapshot();
        }
        finally
        {
            _topicLock.Release();
        }
    }

    /// <summary>
    /// Changes counts and sends the resulting payloads under one lock, so upstream sees changes in the order
    /// they were counted; while disconnected only the counts change and <see cref="RestoreAsync"/> sends the sum.
    /// </summary>
    private async Task ChangeTopicsAsync(Func<Topics.TopicRegistry, IEnumerable<ReadOnlyMemory<byte>>> change)
    {
        await _topicLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var payloads = change(_topics);
            _hasTopics = !_topics.IsEmpty;
            var session = Volatile.Read(ref _session);
            if (session is null)
            {
                return;
            }

            foreach (var payload in payloads)
            {
                try
                {
                    await SendOnAsync(session, payload, ComposedFrameType, _stopping.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // The session is dropping; the reconnect restores every active topic from the counts.
                    LogSubscriptionSendFailed(_logger, Id, ex.Message);
                    return;
                }
            }
        }
        finally
        {
            _topicLock.Release();
        }
    }

    /// <summary>
    /// Subscribes every active topic on <paramref name="session"/>, then makes it the live one (clients' messages go
    /// out on it from then on); <see langword="false"/> when the session dropped meanwhile: it is aborted, and ends as
    /// any drop does.
    /// </summary>
    private async Task<bool> RestoreAsync(UpstreamSession session, CancellationToken token)
    {
        await _topicLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            foreach (var payload in _topics.RenderAll())
            {
                await SendOnAsync(session, payload, ComposedFrameType, token).ConfigureAwait(false);
            }

            session.Touch(_time);
            Volatile.Write(ref _session, session);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException && !token.IsCancellationRequested)
        {
            // The new session dropped while its subscriptions were sent again (a flapping service closes right after
            // authentication): the outage goes on, with the backoff of a short session. Thrown from here, it ended the
            // connection for good.
            LogSubscriptionSendFailed(_logger, Id, ex.Message);
            session.Abort($"The upstream connection dropped while its subscriptions were sent again: {ex.Message}");
            return false;
        }
        finally
        {
            _topicLock.Release();
        }
    }
}

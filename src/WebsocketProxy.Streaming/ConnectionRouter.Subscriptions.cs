namespace WebsocketProxy.Streaming;

/// <summary>
/// In-process reference counting: listeners of one (channel, topic) share one proxy subscription; the
/// first one subscribes, the last one leaving unsubscribes. Upstream changes are serialised by one gate
/// so that a subscribe and an unsubscribe of the same topic can never cross.
/// </summary>
internal sealed partial class ConnectionRouter
{
    private readonly SemaphoreSlim _upstreamGate = new(1, 1);
    private readonly Dictionary<(string Channel, string Topic), int> _topicCounts = [];

    public async ValueTask<TSubscription> OpenAsync<TSubscription>(TSubscription subscription, CancellationToken cancellationToken)
        where TSubscription : StreamSubscription
    {
        ObjectDisposedException.ThrowIf(Stopped, this);

        // Listen before subscribing so nothing sent right after the confirmation is missed.
        AddListener(subscription);
        try
        {
            await AddTopicsAsync(subscription.Channel, subscription.Topics, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            RemoveListener(subscription);
            subscription.Complete(null);
            throw;
        }

        return subscription;
    }

    public async ValueTask ReleaseAsync(StreamSubscription subscription)
    {
        if (!RemoveListener(subscription) || Stopped)
        {
            return;
        }

        // No timeout on the gate itself: every holder is bounded by its own timeout, and giving up here would leak the counts.
        await _upstreamGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var released = Stopped ? [] : Decrement(subscription.Channel, subscription.Topics);
            if (released.Count > 0)
            {
                using var timeout = new CancellationTokenSource(_options.UnsubscribeTimeout, _options.TimeProvider);
                await _connection.UnsubscribeAsync(subscription.Channel.Template, released, timeout.Token).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // Ending a stream must not throw because the proxy could not be told; it is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RaiseError(new StreamErrorEventArgs(StreamErrorKind.Unsubscribe, $"Unsubscribing channel '{subscription.Channel.Name}' failed: {ex.Message}", ex));
        }
        finally
        {
            _upstreamGate.Release();
        }
    }

    private async ValueTask AddTopicsAsync(StreamChannel channel, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        await _upstreamGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var added = new List<string>();
            foreach (var topic in topics)
            {
                var count = _topicCounts.GetValueOrDefault((channel.Name, topic));
                if (count == 0)
                {
                    added.Add(topic);
                }

                _topicCounts[(channel.Name, topic)] = count + 1;
            }

            if (added.Count > 0)
            {
                await SubscribeUpstreamAsync(channel, topics, added, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _upstreamGate.Release();
        }
    }

    private async ValueTask SubscribeUpstreamAsync(StreamChannel channel, IReadOnlyList<string> topics, List<string> added, CancellationToken cancellationToken)
    {
        var sent = false;
        var inFlight = false;
        using var timeout = new CancellationTokenSource(_options.SubscribeTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _confirmer.SubscribeAsync(
                new SubscriptionRequest(channel.Name, added),
                async token =>
                {
                    inFlight = true;
                    await _connection.SubscribeAsync(channel.Template, added, token).ConfigureAwait(false);
                    sent = true;
                },
                linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Decrement(channel, topics);

            // A subscribe cancelled or timed out while in flight was posted, so the proxy may still apply it: it
            // is rolled back too (unsubscribing a topic never held is a no-op). One the proxy refused is not.
            if (sent || (inFlight && (ex is OperationCanceledException || ex.InnerException is TimeoutException)))
            {
                await UnsubscribeQuietlyAsync(channel, added).ConfigureAwait(false);
            }

            var what = $"channel '{channel.Name}' topics [{string.Join(", ", added)}]";
            if (ex is OperationCanceledException && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new StreamSubscriptionException($"Subscribing {what} was not confirmed within {_options.SubscribeTimeout}.", ex);
            }

            if (ex is OperationCanceledException or StreamException)
            {
                throw;
            }

            throw new StreamSubscriptionException($"Subscribing {what} failed: {ex.Message}", ex);
        }
    }

    private async ValueTask UnsubscribeQuietlyAsync(StreamChannel channel, List<string> topics)
    {
        using var timeout = new CancellationTokenSource(_options.UnsubscribeTimeout, _options.TimeProvider);
        try
        {
            await _connection.UnsubscribeAsync(channel.Template, topics, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Rolling back a failed subscription is best effort; the failure is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RaiseError(new StreamErrorEventArgs(StreamErrorKind.Unsubscribe, $"Rolling back channel '{channel.Name}' failed: {ex.Message}", ex));
        }
    }

    private List<string> Decrement(StreamChannel channel, IReadOnlyList<string> topics)
    {
        var released = new List<string>();
        foreach (var topic in topics)
        {
            var count = _topicCounts.GetValueOrDefault((channel.Name, topic));
            if (count <= 1)
            {
                _topicCounts.Remove((channel.Name, topic));
                released.Add(topic);
            }
            else
            {
                _topicCounts[(channel.Name, topic)] = count - 1;
            }
        }

        return released;
    }

    private void AddListener(StreamSubscription subscription)
    {
        lock (_listenersLock)
        {
            if (_closed is { } closed)
            {
                throw new StreamClosedException($"The connection is closed; no stream can be opened on it. {closed.Message}", closed.InnerException);
            }

            _active.Add(subscription);
            var index = subscription.Channel.Index;
            Volatile.Write(ref _listeners[index], _listeners[index].With(subscription));
        }
    }

    private bool RemoveListener(StreamSubscription subscription)
    {
        lock (_listenersLock)
        {
            if (!_active.Remove(subscription))
            {
                return false;
            }

            var index = subscription.Channel.Index;
            Volatile.Write(ref _listeners[index], _listeners[index].Without(subscription));
            return true;
        }
    }
}

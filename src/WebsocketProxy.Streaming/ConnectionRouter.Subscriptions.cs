namespace WebsocketProxy.Streaming;

/// <summary>
/// Opening and ending streams. The router keeps no topic counts of its own: each stream subscribes its topics
/// on the connection when it opens and unsubscribes them when it ends, and the connection (the client's handle)
/// is the process's one ledger. It counts every holder, posts the changes in order, undoes a subscribe that failed,
/// releases what a closed handle held and replays it on a new proxy; the proxy goes upstream only for topics
/// nobody held yet, and unsubscribes upstream only when nobody holds them any more.
/// </summary>
internal sealed partial class ConnectionRouter
{
    /// <summary>The open streams whose subscribe the connection counted: each gives its topics back exactly once.</summary>
    private readonly HashSet<StreamSubscription> _subscribed = [];

    /// <summary>
    /// One subscribe request at a time, from send to confirmation (or give-back): a server that answers requests
    /// in order and names none (Alpaca) lets the confirmer pin a refusal on the right stream only so, and a stream
    /// waiting behind a refused one is then refused (or confirmed) on its own. Releases never wait for it.
    /// </summary>
    private readonly SemaphoreSlim _requests = new(1, 1);

    public async ValueTask<TSubscription> OpenAsync<TSubscription>(TSubscription subscription, CancellationToken cancellationToken)
        where TSubscription : StreamSubscription
    {
        ObjectDisposedException.ThrowIf(Stopped, this);

        // Listen before subscribing so nothing sent right after the confirmation is missed.
        AddListener(subscription);
        try
        {
            await SubscribeAsync(subscription.Channel, subscription.Topics, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            RemoveListener(subscription);
            subscription.Complete(null);
            throw;
        }

        bool open;
        lock (_listenersLock)
        {
            open = _active.Contains(subscription);
            if (open)
            {
                _subscribed.Add(subscription);
            }
        }

        if (!open)
        {
            // The router stopped while subscribing and ended the stream: nobody else gives these topics back.
            await UnsubscribeQuietlyAsync(subscription.Channel, subscription.Topics).ConfigureAwait(false);
        }

        return subscription;
    }

    public async ValueTask ReleaseAsync(StreamSubscription subscription)
    {
        if (!RemoveListener(subscription))
        {
            return;
        }

        await UnsubscribeQuietlyAsync(subscription.Channel, subscription.Topics).ConfigureAwait(false);
    }

    private async ValueTask SubscribeAsync(StreamChannel channel, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        await _requests.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SubscribeConfirmedAsync(channel, topics, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _requests.Release();
        }
    }

    private async ValueTask SubscribeConfirmedAsync(StreamChannel channel, IReadOnlyList<string> topics, CancellationToken cancellationToken)
    {
        var counted = false;
        using var timeout = new CancellationTokenSource(_options.SubscribeTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await _confirmer.SubscribeAsync(
                new SubscriptionRequest(channel.Name, topics),
                async token =>
                {
                    await _connection.SubscribeAsync(channel.Template, topics, token).ConfigureAwait(false);
                    counted = true;
                },
                linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A subscribe the connection failed (refused, timed out, cancelled) left no count: the connection undid
            // it. One it counted but the server refused or did not confirm in time is given back here.
            if (counted)
            {
                await UnsubscribeQuietlyAsync(channel, topics).ConfigureAwait(false);
            }

            var what = $"channel '{channel.Name}' topics [{string.Join(", ", topics)}]";
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

    private async ValueTask UnsubscribeQuietlyAsync(StreamChannel channel, IReadOnlyList<string> topics)
    {
        using var timeout = new CancellationTokenSource(_options.UnsubscribeTimeout, _options.TimeProvider);
        try
        {
            await _connection.UnsubscribeAsync(channel.Template, topics, timeout.Token).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Ending a stream must not throw because the proxy could not be told; it is reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RaiseError(new StreamErrorEventArgs(StreamErrorKind.Unsubscribe, $"Unsubscribing channel '{channel.Name}' failed: {ex.Message}", ex));
        }
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

    /// <summary>Stops delivering to <paramref name="subscription"/>; <see langword="true"/> when its topics are to be given back.</summary>
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
            return _subscribed.Remove(subscription);
        }
    }

    /// <summary>Stops delivering to every stream; returns those whose topics are to be given back.</summary>
    private StreamSubscription[] RemoveAllListeners()
    {
        lock (_listenersLock)
        {
            var subscribed = _subscribed.ToArray();
            _active.Clear();
            _subscribed.Clear();
            Array.Fill(_listeners, ChannelListeners.Empty);
            return subscribed;
        }
    }
}

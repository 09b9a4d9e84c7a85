namespace WebsocketProxy.Streaming;

/// <summary>Stopping the router: the last lease stops the reader, ends the streams and gives back the topics.</summary>
internal sealed partial class ConnectionRouter
{
    /// <summary>Stops the reader, ends every stream and gives back this process's topics to the proxy.</summary>
    public async ValueTask StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);

        // Once detached, no frame is being dispatched or will be.
        _reader?.Dispose();
        CompleteAll(new StreamClosedException("The stream router was disposed."));
        lock (_listenersLock)
        {
            _active.Clear();
            Array.Fill(_listeners, ChannelListeners.Empty);
        }

        using var timeout = new CancellationTokenSource(_options.UnsubscribeTimeout, _options.TimeProvider);
        try
        {
            await _upstreamGate.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            RaiseError(new StreamErrorEventArgs(StreamErrorKind.Unsubscribe, "Giving back topics timed out: a subscription was still in progress.", ex));
            return;
        }

        try
        {
            foreach (var group in _topicCounts.Keys.GroupBy(k => k.Channel))
            {
                var channel = Protocol.Channels.First(c => c.Name == group.Key);
                await UnsubscribeQuietlyAsync(channel, [.. group.Select(k => k.Topic)]).ConfigureAwait(false);
            }

            _topicCounts.Clear();
        }
        finally
        {
            _upstreamGate.Release();
        }
    }
}

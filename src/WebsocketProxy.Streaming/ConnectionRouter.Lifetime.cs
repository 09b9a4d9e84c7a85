namespace WebsocketProxy.Streaming;

/// <summary>Stopping the router: the last lease stops the reader, ends the streams and gives back their topics.</summary>
internal sealed partial class ConnectionRouter
{
    /// <summary>Stops the reader, ends every stream and gives back each stream's topics to the connection.</summary>
    public async ValueTask StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);

        // Once detached, no frame is being dispatched or will be.
        _reader?.Dispose();
        CompleteAll(new StreamClosedException("The stream router was disposed."));

        // A stream still opening gives its topics back itself once its subscribe is counted.
        var subscribed = RemoveAllListeners();
        await Task.WhenAll(subscribed.Select(s => UnsubscribeQuietlyAsync(s.Channel, s.Topics).AsTask())).ConfigureAwait(false);
    }
}

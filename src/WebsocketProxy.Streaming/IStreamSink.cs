namespace WebsocketProxy.Streaming;

/// <summary>Where the frame reader hands a decoded message of one channel.</summary>
internal interface IStreamSink<in T>
{
    /// <summary>Takes one message; never blocks.</summary>
    /// <param name="value">The message.</param>
    /// <param name="symbol">Its symbol when <see cref="StreamSubscription.NeedsSymbol"/>; otherwise possibly <see langword="null"/>.</param>
    void Post(T value, string? symbol);
}

namespace WebsocketProxy.Streaming.Tests.Support;

/// <summary>
/// Confirms subscriptions the way the Alpaca layer will: on a "subscription" control reply, refusing on
/// an "error" reply.
/// </summary>
internal sealed class ReplyConfirmer : ISubscriptionConfirmer
{
    private TaskCompletionSource? _pending;

    public bool OnControlMessage(ControlMessage message)
    {
        switch (message.TypeCode)
        {
            case "subscription":
                _pending?.TrySetResult();
                return true;
            case "error":
                _pending?.TrySetException(new StreamSubscriptionException("The server refused: " + message.ToString()));
                return true;
            default:
                return false;
        }
    }

    public async ValueTask SubscribeAsync(SubscriptionRequest request, Func<CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending = pending;
        await send(cancellationToken);
        await pending.Task.WaitAsync(cancellationToken);
    }
}

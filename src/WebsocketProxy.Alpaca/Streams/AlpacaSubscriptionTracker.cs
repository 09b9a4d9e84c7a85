using System.Text.Json;
using WebsocketProxy.Alpaca.Decoding;
using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Models;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Confirms subscriptions from the server's <c>subscription</c> replies and turns <c>error</c> replies into
/// <see cref="AlpacaStreamException"/>s. The proxy broadcasts every reply of the shared upstream to every
/// process, and subscribes upstream only topics nobody held yet, so a request is confirmed by the first
/// reply (or the last known server state) whose lists hold its topics, whoever caused that reply.
/// </summary>
internal sealed class AlpacaSubscriptionTracker : IAlpacaReplyTracker
{
    private readonly Lock _lock = new();
    private readonly List<PendingRequest> _pending = [];
    private SubscriptionState? _known;

    /// <summary>Every server error, after the tracker has used it.</summary>
    public event Action<AlpacaStreamException>? ServerError;

    /// <summary>Every subscription state the server announces.</summary>
    public event Action<SubscriptionState>? StateChanged;

    /// <summary>The last subscription state the server announced, if any was seen.</summary>
    public SubscriptionState? KnownState
    {
        get
        {
            lock (_lock)
            {
                return _known;
            }
        }
    }

    public async ValueTask SubscribeAsync(SubscriptionRequest request, Func<CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(send);
        var pending = new PendingRequest(request);
        lock (_lock)
        {
            _pending.Add(pending);
        }

        try
        {
            await send(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                // Topics another process already held are not sent upstream again, so no reply may follow.
                if (_known is { } state && Covers(state, request))
                {
                    pending.Completion.TrySetResult();
                }
            }

            await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _pending.Remove(pending);
            }
        }
    }

    /// <summary>The session's control-message handler: success, subscription and error replies, in JSON or MessagePack.</summary>
    public bool OnControlMessage(ControlMessage message)
    {
        if (message.Format == StreamWireFormat.MessagePack)
        {
            return OnMessagePack(message);
        }

        var reader = new Utf8JsonReader(message.Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        switch (message.TypeCode)
        {
            case "success":
                return true;
            case "subscription":
                OnSubscription(SubscriptionStateDecoder.Read(ref reader, AlpacaDecodeContext.Shared));
                return true;
            case "error":
                OnError(ErrorMessageDecoder.Read(ref reader, AlpacaDecodeContext.Shared).ToException());
                return true;
            default:
                return false;
        }
    }

    private bool OnMessagePack(ControlMessage message)
    {
        switch (message.TypeCode)
        {
            case "success":
                return true;
            case "subscription":
                OnSubscription(SubscriptionStateDecoder.Read(message.MessagePack, out _, AlpacaDecodeContext.Shared));
                return true;
            case "error":
                OnError(ErrorMessageDecoder.Read(message.MessagePack, out _, AlpacaDecodeContext.Shared).ToException());
                return true;
            default:
                return false;
        }
    }

    private void OnSubscription(SubscriptionState state)
    {
        lock (_lock)
        {
            _known = state;
            foreach (var pending in _pending)
            {
                if (Covers(state, pending.Request))
                {
                    pending.Completion.TrySetResult();
                }
            }
        }

        StateChanged?.Invoke(state);
    }

    private void OnError(AlpacaStreamException error)
    {
        if (AlpacaErrorClassifier.IsRequestOnly(error.Code))
        {
            lock (_lock)
            {
                // Alpaca answers requests in order and names none: the oldest unanswered one caused it.
                _pending.FirstOrDefault(p => !p.Completion.Task.IsCompleted)?.Completion.TrySetException(error);
            }
        }

        ServerError?.Invoke(error);
    }

    private static bool Covers(SubscriptionState state, SubscriptionRequest request)
    {
        var held = state[request.Channel];
        foreach (var topic in request.Topics)
        {
            if (!held.Contains(topic))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class PendingRequest(SubscriptionRequest request)
    {
        public SubscriptionRequest Request { get; } = request;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

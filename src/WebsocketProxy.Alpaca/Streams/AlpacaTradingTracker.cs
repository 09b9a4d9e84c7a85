using System.Text.Json;
using WebsocketProxy.Alpaca.Errors;
using WebsocketProxy.Alpaca.Protocol;
using WebsocketProxy.Streaming;

namespace WebsocketProxy.Alpaca.Streams;

/// <summary>
/// Reads the trading stream's replies: <c>listening</c> confirms the <c>trade_updates</c> subscription (whoever's
/// listen caused it: the proxy listens once for every process), <c>authorization</c> with any status but
/// <c>authorized</c> is a fatal error (before readiness the proxy's fatal marker has already refused the session).
/// </summary>
internal sealed class AlpacaTradingTracker : IAlpacaReplyTracker
{
    private readonly Lock _lock = new();
    private readonly List<TaskCompletionSource> _pending = [];
    private bool _listening;

    public event Action<AlpacaStreamException>? ServerError;

    /// <summary>Whether the last <c>listening</c> reply seen listed <c>trade_updates</c>.</summary>
    public bool IsListening
    {
        get
        {
            lock (_lock)
            {
                return _listening;
            }
        }
    }

    public async ValueTask SubscribeAsync(SubscriptionRequest request, Func<CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(send);
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _pending.Add(pending);
        }

        try
        {
            await send(cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                // Another process listened already: the proxy sent nothing upstream, so no reply may follow.
                if (_listening)
                {
                    pending.TrySetResult();
                }
            }

            await pending.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _pending.Remove(pending);
            }
        }
    }

    public bool OnControlMessage(ControlMessage message)
    {
        switch (message.TypeCode)
        {
            case "listening":
                OnListening(message.Json);
                return true;
            case "authorization":
                OnAuthorization(message.Json);
                return true;
            case null:
                return OnError(message.Json);
            default:
                return false;
        }
    }

    private void OnListening(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        if (!document.RootElement.TryGetProperty("data"u8, out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (data.TryGetProperty("error"u8, out var error))
        {
            Fail(new AlpacaStreamException(AlpacaErrorCode.InvalidSyntax, error.ToString()), pendingToo: true);
            return;
        }

        var listening = data.TryGetProperty("streams"u8, out var streams) && streams.ValueKind == JsonValueKind.Array
            && streams.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.String && s.ValueEquals(AlpacaTradingMessages.TradeUpdates));
        lock (_lock)
        {
            _listening = listening;
            if (listening)
            {
                foreach (var pending in _pending)
                {
                    pending.TrySetResult();
                }
            }
        }
    }

    /// <summary><c>{"action":"error","data":{"error_message":…}}</c>: a request the server could not act on (the listen in flight, if any).</summary>
    private bool OnError(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (!root.TryGetProperty("action"u8, out var action) || !action.ValueEquals("error"u8))
        {
            return false;
        }

        var text = root.TryGetProperty("data"u8, out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("error_message"u8, out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()!
                : root.GetRawText();
        Fail(new AlpacaStreamException(AlpacaErrorCode.InvalidSyntax, text), pendingToo: true);
        return true;
    }

    private void OnAuthorization(ReadOnlySpan<byte> json)
    {
        if (AlpacaErrorText.TryParseTradingRefusal(json, out var error))
        {
            lock (_lock)
            {
                _listening = false;
            }

            Fail(error, pendingToo: true);
        }
    }

    private void Fail(AlpacaStreamException error, bool pendingToo)
    {
        if (pendingToo)
        {
            lock (_lock)
            {
                // One listen is in flight at a time (the router sends one subscribe at a time): the reply is its answer.
                _pending.FirstOrDefault(p => !p.Task.IsCompleted)?.TrySetException(error);
            }
        }

        ServerError?.Invoke(error);
    }
}

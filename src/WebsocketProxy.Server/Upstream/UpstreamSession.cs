using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using WebsocketProxy.Client;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Server.Upstream;

/// <summary>
/// One live socket of an <see cref="UpstreamConnection"/>: receives whole messages, watches for the readiness
/// and fatal markers, and completes <see cref="Completion"/> with the reason when the socket ends.
/// </summary>
internal sealed partial class UpstreamSession : IDisposable
{
    private const int MaxMessageBytes = 64 << 20;
    private readonly ClientWebSocket _socket;
    private readonly ProxyConnectionOptions _options;
    private readonly Action<WebSocketMessageType, ReadOnlyMemory<byte>> _onMessage;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<UpstreamException> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abort = new();
    private readonly byte[]? _readinessMarker;
    private readonly byte[][] _fatalMarkers;
    private readonly byte[][] _retryAfterDropMarkers;
    private readonly byte[]? _refusalMarker;
    private string? _refusalAfterReady;
    private bool _disposed;

    /// <param name="socket">The connected socket.</param>
    /// <param name="options">The connection's options (markers, format).</param>
    /// <param name="onMessage">Gets every whole message (or, held, when <see cref="ReleaseHeld"/> hands them over).</param>
    /// <param name="maxHeldBytes">0: messages go to <paramref name="onMessage"/> as they come. Otherwise the messages after
    /// the readiness marker are held, up to this many bytes, until <see cref="ReleaseHeld"/> or <see cref="DiscardHeld"/>.</param>
    public UpstreamSession(ClientWebSocket socket, ProxyConnectionOptions options, Action<WebSocketMessageType, ReadOnlyMemory<byte>> onMessage, int maxHeldBytes = 0)
    {
        _socket = socket;
        _options = options;
        _onMessage = onMessage;
        _maxHeldBytes = maxHeldBytes;
        // Markers are bytes, matched in text and binary frames alike: the proxy knows no message format.
        _readinessMarker = options.ReadinessMarker?.Bytes.ToArray();
        _fatalMarkers = [.. options.FatalMarkers.Select(m => m.Bytes.ToArray())];
        _retryAfterDropMarkers = [.. options.RetryAfterDropMarkers.Select(m => m.Bytes.ToArray())];
        _refusalMarker = options.RefusalMarker?.Bytes.ToArray();
        if (_readinessMarker is null)
        {
            _ready.TrySetResult();
            StartHolding();
        }
    }

    public ClientWebSocket Socket => _socket;

    /// <summary>Completes when the readiness marker arrived; faults when a fatal marker did or the socket ended first.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Completes with why the socket ended.</summary>
    public Task<UpstreamException> Completion => _completion.Task;

    /// <summary>The refusal (see <see cref="ProxyConnectionOptions.RefusalMarker"/>) the service sent after readiness, if any: a session it ends soon after counts as refused.</summary>
    public string? RefusalAfterReady => Volatile.Read(ref _refusalAfterReady);

    /// <summary>Timestamp of the last received message, for the stale-data watchdog.</summary>
    public long LastMessageTimestamp { get; private set; }

    public void Start(TimeProvider time)
    {
        LastMessageTimestamp = time.GetTimestamp();
        _ = Task.Run(() => ReceiveLoopAsync(time));
    }

    /// <summary>Restarts the stale-data clock (the session just became live).</summary>
    public void Touch(TimeProvider time) => LastMessageTimestamp = time.GetTimestamp();

    /// <summary>Ends the socket now (watchdog, shutdown); <see cref="Completion"/> reports <paramref name="reason"/>.</summary>
    public void Abort(string reason)
    {
        _completion.TrySetResult(new UpstreamException(reason, isFatal: false));
        lock (_abort)
        {
            // The owner may have disposed the session already (it ended by itself meanwhile).
            if (!_disposed)
            {
                _abort.Cancel();
                _socket.Abort();
            }
        }
    }

    public void Dispose()
    {
        lock (_abort)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _abort.Cancel();
            _socket.Dispose();
        }

        _abort.Dispose();
    }

    private async Task ReceiveLoopAsync(TimeProvider time)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        UpstreamException reason;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), _abort.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    reason = CloseReason();
                    break;
                }

                buffer.Advance(result.Count);
                if (buffer.WrittenCount > MaxMessageBytes)
                {
                    reason = new UpstreamException($"Upstream sent a message larger than {MaxMessageBytes} bytes.", isFatal: false);
                    break;
                }

                if (result.EndOfMessage)
                {
                    LastMessageTimestamp = time.GetTimestamp();

                    // Read before Inspect: the readiness reply itself, which starts the hold, is not held.
                    var holding = _hold != HoldState.Off;
                    Inspect(buffer.WrittenSpan, result.MessageType);
                    if (!holding || !TryHold(result.MessageType, buffer.WrittenSpan))
                    {
                        _onMessage(result.MessageType, buffer.WrittenMemory);
                    }

                    buffer.ResetWrittenCount();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            reason = new UpstreamException("The upstream connection dropped: " + ex.Message, isFatal: false, ex);
        }

        _ready.TrySetException(reason);
        _completion.TrySetResult(reason);
    }

    private UpstreamException CloseReason()
    {
        var code = (int?)_socket.CloseStatus;
        var fatal = code is not null && _options.FatalCloseCodes.Contains(code.Value);
        var text = $"Upstream closed the connection ({code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no code"} {_socket.CloseStatusDescription}).";
        _ = CloseOutputQuietlyAsync();
        return new UpstreamException(text, fatal);
    }

    private async Task CloseOutputQuietlyAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token).ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone already; the session is over either way.
        }
    }

    private void Inspect(ReadOnlySpan<byte> message, WebSocketMessageType type)
    {
        if (_ready.Task.IsCompleted)
        {
            if (_refusalMarker is not null && _refusalAfterReady is null && message.IndexOf(_refusalMarker) >= 0)
            {
                Volatile.Write(ref _refusalAfterReady, Quote(message, type, _options.MessageFormat));
            }

            return;
        }

        // Fatal first, then "wait and retry", then any other refusal: a reply may match several.
        if (Matches(message, _fatalMarkers))
        {
            _ready.TrySetException(new UpstreamException($"Upstream refused the session: {Quote(message, type, _options.MessageFormat)}", isFatal: true));
            return;
        }

        if (Matches(message, _retryAfterDropMarkers))
        {
            _ready.TrySetException(new UpstreamException($"Upstream refused the session: {Quote(message, type, _options.MessageFormat)}", isFatal: false, refusal: UpstreamRefusal.RetryAfterDrop));
            return;
        }

        if (_refusalMarker is not null && message.IndexOf(_refusalMarker) >= 0)
        {
            _ready.TrySetException(new UpstreamException($"Upstream refused the session: {Quote(message, type, _options.MessageFormat)}", isFatal: false, refusal: UpstreamRefusal.Refused));
            return;
        }

        if (_readinessMarker is not null && message.IndexOf(_readinessMarker) >= 0)
        {
            _ready.TrySetResult();
            StartHolding();
        }
    }

    private static bool Matches(ReadOnlySpan<byte> message, byte[][] markers)
    {
        foreach (var marker in markers)
        {
            if (message.IndexOf(marker) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A reply for messages: text as it reads; a binary reply of a connection that speaks MessagePack as the JSON it
    /// stands for (so that "code":402 reads the same in both formats); a binary reply that is UTF-8 text (Alpaca's paper
    /// trading stream sends its JSON in binary frames) as text; any other binary reply in hexadecimal.
    /// </summary>
    private static string Quote(ReadOnlySpan<byte> message, WebSocketMessageType type, ProxyMessageFormat format)
    {
        if (type != WebSocketMessageType.Binary)
        {
            return Encoding.UTF8.GetString(message[..Math.Min(message.Length, 512)]);
        }

        if (format == ProxyMessageFormat.MessagePack && message.Length <= 64 * 1024 && MessagePackJson.TryToJson(message, out var json))
        {
            return json.Length <= 512 ? json : json[..512];
        }

        var head = message[..Math.Min(message.Length, 512)];
        if (System.Text.Unicode.Utf8.IsValid(head) && !head.ContainsAnyInRange((byte)0, (byte)8))
        {
            return Encoding.UTF8.GetString(head);
        }

        return "0x" + Convert.ToHexString(message[..Math.Min(message.Length, 256)]);
    }
}

using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MessagePack;

namespace WebsocketProxy.Alpaca.Gateway.Tests;

/// <summary>
/// A plain WebSocket client speaking Alpaca's protocol, as an SDK does: JSON text frames, or MessagePack binary
/// frames after <c>Content-Type: application/msgpack</c>. Every frame it receives is kept, in order, as JSON
/// messages (MessagePack converted), and also as raw frames.
/// </summary>
internal sealed class RawClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly List<(WebSocketMessageType Type, byte[] Bytes)> _frames = [];
    private readonly Task _reader;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;

    private RawClient(ClientWebSocket socket, bool messagePack)
    {
        _socket = socket;
        MessagePack = messagePack;
        _reader = ReadAsync();
    }

    public bool MessagePack { get; }

    /// <summary>How the connection ended, once it has.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseReason => _socket.CloseStatusDescription;

    /// <summary>Completes when the server closed (or dropped) the connection.</summary>
    public Task Closed => _reader;

    public IReadOnlyList<(WebSocketMessageType Type, byte[] Bytes)> Frames
    {
        get
        {
            lock (_frames)
            {
                return [.. _frames];
            }
        }
    }

    public static async Task<RawClient> ConnectAsync(Uri url, bool messagePack, IReadOnlyDictionary<string, string>? headers = null)
    {
        var socket = new ClientWebSocket();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            socket.Options.SetRequestHeader(name, value);
        }

        using var timeout = new CancellationTokenSource(Timeout);

        // ClientWebSocket drops Content-Type from its request headers (it is a content header to HttpClient): it goes
        // on an empty body of the upgrade, as the proxy sends it to Alpaca.
        using var invoker = new HttpMessageInvoker(new ContentTypeHandler(messagePack ? "application/msgpack" : null));
        await socket.ConnectAsync(url, invoker, timeout.Token);
        return new RawClient(socket, messagePack);
    }

    /// <summary>Sends one message given as an object (serialized to JSON, packed for a MessagePack client).</summary>
    public Task SendAsync(object message) => SendJsonAsync(JsonSerializer.Serialize(message));

    public async Task SendJsonAsync(string json)
    {
        if (MessagePack)
        {
            await SendRawAsync(MessagePackSerializer.ConvertFromJson(json), WebSocketMessageType.Binary);
        }
        else
        {
            await SendRawAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text);
        }
    }

    public async Task SendRawAsync(byte[] bytes, WebSocketMessageType type)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await _socket.SendAsync(bytes, type, endOfMessage: true, timeout.Token);
    }

    /// <summary>The next message (one element of a received array).</summary>
    public async Task<JsonElement> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            return await _messages.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No message within {Timeout.TotalSeconds} s.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The connection ended ({CloseStatus} {CloseReason}) before the next message.");
        }
    }

    /// <summary>Skips data until a control message of type <paramref name="type"/> arrives; checks its <c>msg</c> when given.</summary>
    public async Task<JsonElement> ExpectAsync(string type, string? msg = null)
    {
        var skipped = new List<string>();
        while (true)
        {
            var message = await NextAsync();
            var t = message.GetProperty("T").GetString();
            if (t == type)
            {
                if (msg is not null)
                {
                    Assert.Equal(msg, message.GetProperty("msg").GetString());
                }

                return message;
            }

            if (t is "success" or "error" or "subscription")
            {
                throw new Xunit.Sdk.XunitException($"Expected '{type}' but got {message}.");
            }

            skipped.Add(t ?? "?");
        }
    }

    /// <summary>The next error message; checks its code.</summary>
    public async Task<JsonElement> ExpectErrorAsync(int code)
    {
        var error = await ExpectAsync("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        return error;
    }

    /// <summary>Messages until <paramref name="count"/> satisfy <paramref name="match"/>, or a timeout; returns every message read.</summary>
    public async Task<List<JsonElement>> ReadUntilAsync(Func<JsonElement, bool> match, int count = 1)
    {
        var read = new List<JsonElement>();
        var found = 0;
        while (found < count)
        {
            var message = await NextAsync();
            read.Add(message);
            if (match(message))
            {
                found++;
            }
        }

        return read;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                // CloseOutputAsync, not CloseAsync: the read loop is receiving, and CloseAsync would receive too.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                await _reader.WaitAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException)
            {
            }
        }

        await _stop.CancelAsync();
        _socket.Abort();
        try
        {
            await _reader;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(1 << 16), _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                var bytes = buffer.WrittenSpan.ToArray();
                lock (_frames)
                {
                    _frames.Add((result.MessageType, bytes));
                }

                var json = result.MessageType == WebSocketMessageType.Binary ? ToJson(bytes) : Encoding.UTF8.GetString(bytes);
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(json);
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"Frame ({result.MessageType}) is not a JSON array: {json} (hex {Convert.ToHexString(bytes)})", ex);
                }

                using var parsed = document;
                foreach (var message in parsed.RootElement.EnumerateArray())
                {
                    _messages.Writer.TryWrite(message.Clone());
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }

    private static string ToJson(byte[] bytes)
    {
        var reader = new MessagePackReader(bytes);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        MessagePackSerializer.ConvertToJson(ref reader, writer);
        return writer.ToString();
    }

    private sealed class ContentTypeHandler(string? contentType) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (contentType is not null && request.Content is null)
            {
                request.Content = new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

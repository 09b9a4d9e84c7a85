namespace WebsocketProxy.Server.Upstream;

/// <summary>
/// Carries the content headers of a handshake (<c>Content-Type</c> above all) that <see cref="System.Net.WebSockets.ClientWebSocket"/>
/// silently drops from its request headers: they are not request headers to HttpClient. Alpaca switches a stream to
/// MessagePack only when the upgrade carries <c>Content-Type: application/msgpack</c>, so the proxy connects such
/// handshakes through an invoker that puts them on an empty body of the upgrade request.
/// </summary>
internal sealed class HandshakeContentHeaders : DelegatingHandler
{
    private readonly IReadOnlyList<KeyValuePair<string, string>> _headers;

    private HandshakeContentHeaders(IReadOnlyList<KeyValuePair<string, string>> headers)
        : base(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, UseCookies = false, AllowAutoRedirect = false }) =>
        _headers = headers;

    /// <summary>The headers of <paramref name="headers"/> that a request cannot carry but its content can.</summary>
    public static List<KeyValuePair<string, string>> ContentHeadersOf(IReadOnlyDictionary<string, string> headers)
    {
        using var probe = new HttpRequestMessage();
        using var content = new ByteArrayContent([]);
        return [.. headers.Where(h => !probe.Headers.TryAddWithoutValidation(h.Key, h.Value) && content.Headers.TryAddWithoutValidation(h.Key, h.Value))];
    }

    /// <summary>An invoker for one connect that adds <paramref name="headers"/> to the upgrade request; dispose it once connected.</summary>
    public static HttpMessageInvoker Invoker(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new(new HandshakeContentHeaders(headers), disposeHandler: true);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // An empty body (Content-Length: 0, which servers accept on an upgrade) that carries the headers; the request
        // owns and disposes it.
        if (request.Content is null)
        {
            request.Content = new ByteArrayContent([]);
            foreach (var (name, value) in _headers)
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}

using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WebsocketProxy.Alpaca.Decoding;

namespace WebsocketProxy.Alpaca.Trading;

/// <summary>
/// The order calls of Alpaca's trading API: place, get, list and cancel (<c>/v2/orders</c>), with the
/// <c>APCA-API-*</c> headers, against paper, live, or any base address (the simulator's). Orders come back as the same
/// <see cref="Order"/> the trade updates carry, read by the same decoder. Thread-safe; share one per process.
/// </summary>
/// <example>
/// <code>
/// using var orders = new AlpacaOrdersClient(credentials, AlpacaEndpoints.TradingHost(AlpacaTradingEnvironment.Paper));
/// var order = await orders.PlaceAsync(OrderRequest.Limit("AAPL", 10, OrderSide.Buy, 180.50m, clientOrderId: "momo-1"), ct);
/// </code>
/// </example>
public sealed class AlpacaOrdersClient : IDisposable
{
    private readonly AlpacaCredentials _credentials;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>Creates a client.</summary>
    /// <param name="credentials">The account's key; sent in the <c>APCA-API-*</c> headers of each call, never logged.</param>
    /// <param name="baseAddress">
    /// <see cref="AlpacaEndpoints.TradingHost"/> for paper or live, or another http(s) address (a simulator's); a ws(s)
    /// address is taken as the same host over http(s).
    /// </param>
    /// <param name="httpClient">A client to send with (its handler's lifetime stays the caller's); <see langword="null"/> for one of this object's own.</param>
    /// <exception cref="ArgumentException">The base address is not absolute http, https, ws or wss.</exception>
    public AlpacaOrdersClient(AlpacaCredentials credentials, Uri baseAddress, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(baseAddress);
        _credentials = credentials;
        BaseAddress = HttpBase(baseAddress);
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The http(s) address the calls go to.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Places an order (<c>POST /v2/orders</c>).</summary>
    /// <returns>The order as Alpaca accepted it (usually <see cref="OrderStatus.New"/> or <see cref="OrderStatus.Accepted"/>); fills arrive as trade updates.</returns>
    /// <exception cref="ArgumentException">The request lacks what its type needs (see <see cref="OrderRequest"/>).</exception>
    /// <exception cref="AlpacaApiException">Alpaca refused it (403 buying power, 422 invalid, 401 credentials...).</exception>
    public async Task<Order> PlaceAsync(OrderRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var body = new PlaceOrderBody(
            request.Symbol,
            Text(request.Quantity),
            Text(request.Notional),
            TradingWireNames.Format(request.Side),
            TradingWireNames.Format(request.Type),
            TradingWireNames.Format(request.TimeInForce),
            Text(request.LimitPrice),
            Text(request.StopPrice),
            request.ClientOrderId,
            request.ExtendedHours ? true : null);
        using var message = new HttpRequestMessage(HttpMethod.Post, "v2/orders")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, TradingJsonContext.Default.PlaceOrderBody))
            {
                Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
            },
        };
        var json = await SendAsync(message, "POST /v2/orders", cancellationToken).ConfigureAwait(false);
        return ReadOrder(json);
    }

    /// <summary>Gets one order by Alpaca's id (<c>GET /v2/orders/{id}</c>).</summary>
    /// <exception cref="AlpacaApiException">No such order (404), or another refusal.</exception>
    public async Task<Order> GetAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var path = $"v2/orders/{orderId:D}";
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        var json = await SendAsync(message, "GET /" + path, cancellationToken).ConfigureAwait(false);
        return ReadOrder(json);
    }

    /// <summary>Lists orders (<c>GET /v2/orders</c>), newest first; after a gap in the trade updates, this is how to catch up.</summary>
    /// <param name="status">Open (Alpaca's default), closed, or all orders.</param>
    /// <param name="limit">At most this many (Alpaca's default 50, maximum 500); <see langword="null"/> for Alpaca's default.</param>
    /// <param name="cancellationToken">Gives up.</param>
    /// <exception cref="AlpacaApiException">Alpaca refused the call.</exception>
    public async Task<ImmutableArray<Order>> ListAsync(OrderQueryStatus status = OrderQueryStatus.Open, int? limit = null, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 500)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "Alpaca lists 1 to 500 orders at a time.");
        }

        var query = status switch
        {
            OrderQueryStatus.Open => "open",
            OrderQueryStatus.Closed => "closed",
            OrderQueryStatus.All => "all",
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown order status filter."),
        };
        var path = limit is { } count ? $"v2/orders?status={query}&limit={count.ToString(CultureInfo.InvariantCulture)}" : $"v2/orders?status={query}";
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        var json = await SendAsync(message, "GET /" + path, cancellationToken).ConfigureAwait(false) ?? [];
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read()
                ? OrderDecoder.ReadList(ref reader, AlpacaDecodeContext.Shared)
                : throw new AlpacaApiException("GET /v2/orders returned an empty body.");
        }
        catch (Exception ex) when (ex is AlpacaDecodeException or JsonException)
        {
            throw Unreadable(json, ex);
        }
    }

    /// <summary>Asks Alpaca to cancel an order (<c>DELETE /v2/orders/{id}</c>); the cancel itself arrives as a <see cref="TradeUpdateEvent.Canceled"/> trade update.</summary>
    /// <exception cref="AlpacaApiException">No such order (404), or it can no longer be canceled (422), or another refusal.</exception>
    public async Task CancelAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var path = $"v2/orders/{orderId:D}";
        using var message = new HttpRequestMessage(HttpMethod.Delete, path);
        await SendAsync(message, "DELETE /" + path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the HTTP client when this object created it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static Uri HttpBase(Uri address)
    {
        if (!address.IsAbsoluteUri || address.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            throw new ArgumentException($"'{address}' is not an absolute http(s) or ws(s) address.", nameof(address));
        }

        var builder = new UriBuilder(address)
        {
            Scheme = address.Scheme switch { "ws" => "http", "wss" => "https", var same => same },
            Port = address.IsDefaultPort ? -1 : address.Port,
        };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return builder.Uri;
    }

    private static string? Text(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static Order ReadOrder(byte[]? json)
    {
        json ??= [];
        try
        {
            var reader = new Utf8JsonReader(json);
            return reader.Read()
                ? OrderDecoder.Read(ref reader, AlpacaDecodeContext.Shared)
                : throw new AlpacaApiException("Alpaca returned an empty body where an order was expected.");
        }
        catch (Exception ex) when (ex is AlpacaDecodeException or JsonException)
        {
            throw Unreadable(json, ex);
        }
    }

    private static AlpacaApiException Unreadable(byte[] json, Exception ex)
    {
        var text = System.Text.Encoding.UTF8.GetString(json.AsSpan(0, Math.Min(json.Length, 512)));
        return new AlpacaApiException($"Alpaca's response could not be read as orders: {ex.Message} Response: {text}", ex);
    }

    private async Task<byte[]?> SendAsync(HttpRequestMessage message, string what, CancellationToken cancellationToken)
    {
        message.RequestUri = new Uri(BaseAddress, message.RequestUri!);
        if (_credentials.Mode == AlpacaAuthMode.OAuth)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _credentials.Secret);
        }
        else
        {
            message.Headers.Add("APCA-API-KEY-ID", _credentials.KeyId);
            message.Headers.Add("APCA-API-SECRET-KEY", _credentials.Secret);
        }
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response.StatusCode == HttpStatusCode.NoContent ? null : body;
        }

        long? code = null;
        string text;
        try
        {
            var error = JsonSerializer.Deserialize(body, TradingJsonContext.Default.ApiErrorBody);
            code = error?.Code;
            text = error?.Message ?? System.Text.Encoding.UTF8.GetString(body);
        }
        catch (JsonException)
        {
            // Not Alpaca's error shape (a gateway's HTML page, say): quote what came, shortened.
            text = System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 512)));
        }

        throw new AlpacaApiException(response.StatusCode, code, text, what);
    }
}

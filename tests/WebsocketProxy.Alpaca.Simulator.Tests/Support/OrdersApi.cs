using System.Net;
using System.Text;
using System.Text.Json;

namespace WebsocketProxy.Alpaca.Simulator.Tests.Support;

/// <summary>Calls the simulator's order REST API with <see cref="HttpClient"/>, as an SDK would.</summary>
internal sealed class OrdersApi : IDisposable
{
    private readonly HttpClient _http;

    public OrdersApi(AlpacaMarketSimulator sim, AlpacaKeyPair? pair = null)
        : this(sim.TradingApiUri, pair ?? sim.Credentials)
    {
    }

    public OrdersApi(Uri baseUri, AlpacaKeyPair key)
    {
        _http = new HttpClient { BaseAddress = baseUri, Timeout = RawClient.Timeout };
        _http.DefaultRequestHeaders.Add("APCA-API-KEY-ID", key.KeyId);
        _http.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", key.Secret);
    }

    public HttpClient Http => _http;

    public Task<(HttpStatusCode Status, JsonElement Body)> PlaceAsync(string json) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v2/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>Places an order that must be accepted; returns it.</summary>
    public async Task<JsonElement> PlaceOkAsync(string json)
    {
        var (status, body) = await PlaceAsync(json);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        return body;
    }

    public Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<(HttpStatusCode Status, JsonElement Body)> DeleteAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path));

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (text.Length == 0)
            {
                return (response.StatusCode, default);
            }

            using var document = JsonDocument.Parse(text);
            return (response.StatusCode, document.RootElement.Clone());
        }
    }

    public void Dispose() => _http.Dispose();
}

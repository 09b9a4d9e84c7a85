using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WebsocketProxy.Alpaca.Simulator.Connections;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// The order REST API on the simulator's port, at Alpaca's paths and in its JSON shapes:
/// <c>POST/GET/DELETE /v2/orders</c>, <c>GET/DELETE /v2/orders/{id}</c>,
/// <c>GET /v2/orders:by_client_order_id?client_order_id=</c>, <c>GET /v2/positions[/{symbol}]</c>.
/// Errors are <c>{"code":N,"message":"..."}</c> with Alpaca's statuses (401, 403, 404, 422).
/// </summary>
internal static class TradingRest
{
    private const string Orders = "/v2/orders";
    private const string ByClientOrderId = "/v2/orders:by_client_order_id";
    private const string Positions = "/v2/positions";
    private const string TradeEvents = "/v2/events/trades";
    private const int MaxBodyBytes = 64 * 1024;

    public static bool Handles(string path) =>
        path.StartsWith(Orders, StringComparison.Ordinal) || path.StartsWith(Positions, StringComparison.Ordinal)
        || path.TrimEnd('/') == TradeEvents;

    public static async Task HandleAsync(SimulatorState state, HttpContext context)
    {
        var request = context.Request;
        var key = TradingAuth.FromHeaders(state.Options, request.Headers, out var authError);
        if (key is null)
        {
            await WriteErrorAsync(context, authError!).ConfigureAwait(false);
            return;
        }

        var trading = state.Market.Trading;
        var path = (request.Path.Value ?? string.Empty).TrimEnd('/');
        var method = request.Method;
        switch (path)
        {
            case Orders when HttpMethods.IsPost(method):
                var body = await ReadBodyAsync(context).ConfigureAwait(false);
                var order = body is null ? null : OrderRequestParser.Parse(body, out authError);
                if (body is null)
                {
                    authError = TradingError.BadBody();
                }

                state.Counters.OrderRequested();
                if (authError is null)
                {
                    var placed = trading.Submit(key, order!, out authError);
                    if (authError is null)
                    {
                        await WriteAsync(context, StatusCodes.Status200OK, placed).ConfigureAwait(false);
                        return;
                    }
                }

                await WriteErrorAsync(context, authError).ConfigureAwait(false);
                return;
            case Orders when HttpMethods.IsGet(method):
                var query = OrderQuery.Parse(request.Query, out var queryError);
                await (queryError is null
                    ? WriteAsync(context, StatusCodes.Status200OK, trading.List(key, query))
                    : WriteErrorAsync(context, queryError)).ConfigureAwait(false);
                return;
            case Orders when HttpMethods.IsDelete(method):
                await WriteAsync(context, StatusCodes.Status207MultiStatus, trading.CancelAll(key)).ConfigureAwait(false);
                return;
            case ByClientOrderId when HttpMethods.IsGet(method):
                var clientOrderId = request.Query["client_order_id"].ToString();
                await (trading.GetByClientOrderId(key, clientOrderId) is { } byClient
                    ? WriteAsync(context, StatusCodes.Status200OK, byClient)
                    : WriteErrorAsync(context, TradingError.OrderNotFound())).ConfigureAwait(false);
                return;
            case TradeEvents when HttpMethods.IsGet(method):
                await TradeEventStream.ServeAsync(context, trading, key).ConfigureAwait(false);
                return;
            case Positions when HttpMethods.IsGet(method):
                await WriteAsync(context, StatusCodes.Status200OK, trading.Positions(key, symbol: null, out _)).ConfigureAwait(false);
                return;
            default:
                break;
        }

        if (path.StartsWith(Orders + "/", StringComparison.Ordinal) && path.Length > Orders.Length + 1)
        {
            await OneOrderAsync(context, trading, key, path[(Orders.Length + 1)..]).ConfigureAwait(false);
            return;
        }

        if (path.StartsWith(Positions + "/", StringComparison.Ordinal) && HttpMethods.IsGet(method))
        {
            var position = trading.Positions(key, Uri.UnescapeDataString(path[(Positions.Length + 1)..]).ToUpperInvariant(), out var found);
            await (found ? WriteAsync(context, StatusCodes.Status200OK, position) : WriteErrorAsync(context, TradingError.PositionNotFound())).ConfigureAwait(false);
            return;
        }

        await WriteErrorAsync(context, path is Orders or Positions || path.StartsWith(Orders, StringComparison.Ordinal)
            ? new TradingError(StatusCodes.Status405MethodNotAllowed, 40510000, $"method {method} is not supported on {path}")
            : TradingError.EndpointNotFound()).ConfigureAwait(false);
    }

    private static async Task OneOrderAsync(HttpContext context, TradingEngine trading, string key, string idText)
    {
        var method = context.Request.Method;
        if (!Guid.TryParse(idText, out var id))
        {
            await WriteErrorAsync(context, TradingError.Invalid("order_id is invalid")).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsGet(method))
        {
            await (trading.Get(key, id) is { } order
                ? WriteAsync(context, StatusCodes.Status200OK, order)
                : WriteErrorAsync(context, TradingError.OrderNotFound())).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsDelete(method))
        {
            var canceled = trading.Cancel(key, id, out var error);
            if (canceled is true)
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            await WriteErrorAsync(context, error ?? TradingError.OrderNotFound()).ConfigureAwait(false);
            return;
        }

        await WriteErrorAsync(context, new TradingError(StatusCodes.Status405MethodNotAllowed, 40510000, $"method {method} is not supported on an order (replacing orders is not simulated)")).ConfigureAwait(false);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, int status, byte[] json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.Body.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpContext context, TradingError error)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (error.Code is { } code)
            {
                writer.WriteNumber("code", code);
            }

            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        return WriteAsync(context, error.Status, buffer.WrittenSpan.ToArray());
    }
}

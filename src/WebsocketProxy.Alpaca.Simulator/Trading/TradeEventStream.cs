using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using WebsocketProxy.Alpaca.Simulator.Protocol;

namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>
/// <c>GET /v2/events/trades</c>: the account's trade updates as server-sent events (<c>data: {json}</c>), the way
/// the official Go SDK streams them. <c>since</c> replays from a time, <c>until</c> ends the stream after one;
/// without <c>until</c> it runs until the client leaves.
/// </summary>
internal static class TradeEventStream
{
    public static async Task ServeAsync(HttpContext context, TradingEngine trading, string keyId)
    {
        var query = context.Request.Query;
        long since = 0, until = long.MaxValue;
        if ((query["since"].ToString() is { Length: > 0 } sinceText && !Timestamps.TryParse(sinceText, out since))
            || (query["until"].ToString() is { Length: > 0 } untilText && !Timestamps.TryParse(untilText, out until)))
        {
            await WriteAsync(context, """{"code":40010001,"message":"since and until must be RFC 3339 times"}""", 422).ConfigureAwait(false);
            return;
        }

        if (query.ContainsKey("since_id") || query.ContainsKey("until_id"))
        {
            await WriteAsync(context, """{"code":40010001,"message":"since_id and until_id are not supported by the simulator: use since and until"}""", 422).ConfigureAwait(false);
            return;
        }

        var channel = System.Threading.Channels.Channel.CreateUnbounded<(long Nanos, byte[] Data)>(new UnboundedChannelOptions { SingleReader = true });
        var backlog = trading.SubscribeEvents(keyId, since, channel.Writer);
        try
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            foreach (var (nanos, data) in backlog)
            {
                if (nanos > until)
                {
                    return;
                }

                await SendAsync(context, data).ConfigureAwait(false);
            }

            if (until <= trading.NowNanos)
            {
                // A window wholly in the past: what it held has been sent.
                return;
            }

            await foreach (var (nanos, data) in channel.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
            {
                if (nanos > until)
                {
                    return;
                }

                await SendAsync(context, data).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client left.
        }
        finally
        {
            trading.UnsubscribeEvents(keyId, channel.Writer);
        }
    }

    private static async Task SendAsync(HttpContext context, byte[] data)
    {
        await context.Response.Body.WriteAsync("data: "u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.WriteAsync(data, context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.WriteAsync("\n\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, string json, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(json, context.RequestAborted).ConfigureAwait(false);
    }
}

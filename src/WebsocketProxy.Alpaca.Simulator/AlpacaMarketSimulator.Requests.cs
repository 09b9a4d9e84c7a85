using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using WebsocketProxy.Alpaca.Simulator.Connections;
using WebsocketProxy.Alpaca.Simulator.Protocol;
using WebsocketProxy.Alpaca.Simulator.Trading;

namespace WebsocketProxy.Alpaca.Simulator;

public sealed partial class AlpacaMarketSimulator
{
    private const string MessagePackContentType = "application/msgpack";
    private const string TradingStreamPath = "/stream";

    private static async Task HandleRequestAsync(SimulatorState state, HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (path.TrimEnd('/') == TradingStreamPath)
        {
            await HandleTradingStreamAsync(state, context).ConfigureAwait(false);
            return;
        }

        if (TradingRest.Handles(path))
        {
            await TradingRest.HandleAsync(state, context).ConfigureAwait(false);
            return;
        }

        var endpoint = StreamEndpoint.Find(context.Request.Path.Value ?? string.Empty);
        if (endpoint is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This endpoint only accepts WebSocket connections.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        // The real service switches both directions to MessagePack when the handshake asks for it.
        var messagePack = context.Request.ContentType?.Contains(MessagePackContentType, StringComparison.OrdinalIgnoreCase) == true;
        // The real service pings its clients; one that does not answer within PingTimeout is dropped.
        var accept = new WebSocketAcceptContext
        {
            KeepAliveInterval = state.Options.PingInterval,
            KeepAliveTimeout = state.Options.PingInterval > TimeSpan.Zero ? state.Options.PingTimeout : Timeout.InfiniteTimeSpan,
        };
        using var socket = await context.WebSockets.AcceptWebSocketAsync(accept).ConfigureAwait(false);
        var connection = new SimulatorConnection(state, endpoint, socket, context, messagePack);
        state.Registry.Add(connection);
        try
        {
            await connection.RunAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // A client that vanished mid-session is normal for this server.
        }
        finally
        {
            state.Registry.Remove(connection);
        }
    }

    /// <summary>The trading stream, as <c>wss://paper-api.alpaca.markets/stream</c>: JSON in binary frames, or MessagePack when asked.</summary>
    private static async Task HandleTradingStreamAsync(SimulatorState state, HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("This endpoint only accepts WebSocket connections.", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var messagePack = context.Request.ContentType?.Contains(MessagePackContentType, StringComparison.OrdinalIgnoreCase) == true;
        var accept = new WebSocketAcceptContext
        {
            KeepAliveInterval = state.Options.PingInterval,
            KeepAliveTimeout = state.Options.PingInterval > TimeSpan.Zero ? state.Options.PingTimeout : Timeout.InfiniteTimeSpan,
        };
        using var socket = await context.WebSockets.AcceptWebSocketAsync(accept).ConfigureAwait(false);
        var session = new TradingConnection(state, socket, context, messagePack);
        var sessions = state.Market.Trading.Sessions;
        sessions.Add(session);
        try
        {
            await session.RunAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // A client that vanished mid-session is normal for this server.
        }
        finally
        {
            sessions.Remove(session);
        }
    }
}

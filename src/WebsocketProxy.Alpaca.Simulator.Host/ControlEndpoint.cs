using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Alpaca.Simulator.Host;

/// <summary>
/// The HTTP control interface of a running simulator, on its own port on 127.0.0.1 only:
/// <c>POST /control/faults/{name}?args</c> applies a fault (see <see cref="FaultCommand.Summary"/>),
/// <c>GET /control/status</c> reports the connections and which faults are on.
/// </summary>
internal sealed class ControlEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ControlEndpoint(WebApplication app, Uri uri)
    {
        _app = app;
        Uri = uri;
    }

    /// <summary>The base address, <c>http://127.0.0.1:port/control</c>.</summary>
    public Uri Uri { get; }

    public static async Task<ControlEndpoint> StartAsync(AlpacaMarketSimulator simulator, int port, TextWriter log, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Loopback only: the control port can drop every connection, so nothing off this machine reaches it.
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        app.Run(context => RouteAsync(simulator, context, log));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ControlEndpoint(app, new Uri($"http://127.0.0.1:{new Uri(address).Port}/control"));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static Task RouteAsync(AlpacaMarketSimulator simulator, HttpContext context, TextWriter log)
    {
        const string Faults = "/control/faults/";
        var path = context.Request.Path.Value ?? string.Empty;
        if (path == "/control/status")
        {
            return HttpMethods.IsGet(context.Request.Method)
                ? WriteJsonAsync(context, StatusCodes.Status200OK, Status(simulator))
                : WriteJsonAsync(context, StatusCodes.Status405MethodNotAllowed, Error("Use GET."));
        }

        if (path.StartsWith(Faults, StringComparison.Ordinal) && path.Length > Faults.Length)
        {
            return HttpMethods.IsPost(context.Request.Method)
                ? ApplyAsync(simulator, path[Faults.Length..], context, log)
                : WriteJsonAsync(context, StatusCodes.Status405MethodNotAllowed, Error("Use POST."));
        }

        return WriteJsonAsync(context, StatusCodes.Status404NotFound, Error($"Try GET /control/status or POST /control/faults/NAME. Faults: {FaultCommand.Summary}."));
    }

    private static Dictionary<string, object?> Error(string message) => new() { ["error"] = message };

    private static async Task ApplyAsync(AlpacaMarketSimulator simulator, string name, HttpContext context, TextWriter log)
    {
        FaultCommand command;
        try
        {
            var arguments = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            command = FaultCommand.Parse(name, arguments);
        }
        catch (FormatException ex)
        {
            await WriteJsonAsync(context, StatusCodes.Status400BadRequest, Error(ex.Message)).ConfigureAwait(false);
            return;
        }

        int? affected;
        try
        {
            affected = command.Run(simulator);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            await WriteJsonAsync(context, StatusCodes.Status409Conflict, Error(ex.Message)).ConfigureAwait(false);
            return;
        }

        await log.WriteLineAsync($"Fault: {name}{context.Request.QueryString}").ConfigureAwait(false);
        await WriteJsonAsync(context, StatusCodes.Status200OK, new Dictionary<string, object?> { ["fault"] = command.Name, ["connections"] = affected }).ConfigureAwait(false);
    }

    private static Dictionary<string, object?> Status(AlpacaMarketSimulator simulator) => new()
    {
        ["connections"] = simulator.Counters.ConnectionsCurrent,
        ["authenticated"] = simulator.Counters.Connections.Count(c => c.IsOpen && c.IsAuthenticated),
        ["connectionsSeen"] = simulator.Counters.ConnectionsSeen,
        ["silent"] = simulator.Faults.IsSilent,
        ["dataPaused"] = simulator.Faults.IsDataPaused,
        ["deadSessions"] = simulator.Faults.DeadSessionCount,
        ["replaying"] = simulator.IsReplaying,
        ["tradingConnections"] = simulator.Counters.TradingConnectionsCurrent,
        ["tradingConnectionsSeen"] = simulator.Counters.TradingConnectionsSeen,
        ["ordersSubmitted"] = simulator.Counters.OrdersSubmitted,
        ["tradeUpdates"] = simulator.Counters.TradeUpdatesMade,
    };

    private static async Task WriteJsonAsync(HttpContext context, int status, Dictionary<string, object?> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted).ConfigureAwait(false);
    }
}

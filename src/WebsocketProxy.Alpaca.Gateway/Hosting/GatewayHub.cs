using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WebsocketProxy.Alpaca.Gateway.Hosting;

/// <summary>The gateway's state: its local clients and the upstream connections they share.</summary>
internal sealed partial class GatewayHub : IAsyncDisposable
{
    private readonly AlpacaGatewayOptions _options;
    private readonly ILogger _logger;

    public GatewayHub(AlpacaGatewayOptions options, ILoggerFactory loggers)
    {
        _options = options;
        _logger = loggers.CreateLogger("WebsocketProxy.Alpaca.Gateway");
    }

    public int ClientCount => 0;

    public int UpstreamCount => 0;

    public void OnStarted(Uri uri) => LogListening(uri, _options.Upstream);

    public Task HandleRequestAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status501NotImplemented;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca gateway listening on {Uri}, upstream {Upstream}")]
    private partial void LogListening(Uri uri, Uri upstream);
}

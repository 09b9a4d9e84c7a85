namespace WebsocketProxy.Alpaca.Simulator.Trading;

/// <summary>An error answer of the order REST API, as Alpaca's: an HTTP status and <c>{"code":N,"message":"..."}</c>.</summary>
internal sealed class TradingError(int status, int? code, string message)
{
    public int Status { get; } = status;

    public string Message { get; } = message;

    /// <summary>Alpaca's eight-digit code; null for the gateway's own answers (<c>{"message":"forbidden."}</c>).</summary>
    public int? Code { get; } = code;

    /// <summary>422 with code 40010001: a request Alpaca's validation refuses.</summary>
    public static TradingError Invalid(string message) => new(422, 40010001, message);

    public static TradingError BadBody() => new(400, 40010000, "request body format is invalid");

    public static TradingError Unauthorized() => new(401, 40110000, "request is not authorized");

    public static TradingError Forbidden() => new(403, null, "forbidden.");

    public static TradingError OrderNotFound() => new(404, 40410000, "order not found");

    public static TradingError PositionNotFound() => new(404, 40410000, "position not found");

    public static TradingError EndpointNotFound() => new(404, 40410000, "endpoint not found");

    public static TradingError AssetNotFound(string symbol) => new(422, 42210000, $"asset \"{symbol}\" not found");

    public static TradingError NotCancelable(string status) => new(422, 42210000, $"order is already in \"{status}\" state");
}

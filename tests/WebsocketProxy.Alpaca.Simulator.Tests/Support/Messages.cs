using System.Text.Json;

namespace WebsocketProxy.Alpaca.Simulator.Tests.Support;

/// <summary>Shorthands for reading protocol messages in assertions.</summary>
internal static class Messages
{
    public static string Type(this JsonElement message) => message.GetProperty("T").GetString()!;

    public static string? Symbol(this JsonElement message) =>
        message.TryGetProperty("S", out var symbol) ? symbol.GetString() : null;

    public static bool IsError(this JsonElement message, int code) =>
        message.Type() == "error" && message.GetProperty("code").GetInt32() == code;

    public static string[] Strings(this JsonElement message, string key) =>
        [.. message.GetProperty(key).EnumerateArray().Select(e => e.GetString()!)];

    public static string Auth(AlpacaMarketSimulator sim) =>
        $$"""{"action":"auth","key":"{{sim.Credentials.KeyId}}","secret":"{{sim.Credentials.Secret}}"}""";

    /// <summary>Options for fast tests: a minute of market passes every 100 ms of real time.</summary>
    public static AlpacaSimulatorOptions FastMarket { get; } = AlpacaSimulatorOptions.Default with
    {
        TimeScale = 600,
        MarketStart = new DateTimeOffset(2024, 5, 1, 13, 30, 0, TimeSpan.Zero),
    };
}

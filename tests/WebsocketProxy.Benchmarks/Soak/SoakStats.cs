namespace WebsocketProxy.Benchmarks.Soak;

/// <summary>The fields of a soak peer's <c>stats</c> line, in order.</summary>
internal static class SoakStats
{
    public const int Trades = 0;
    public const int Quotes = 1;
    public const int Gaps = 2;
    public const int Lost = 3;
    public const int Reconnects = 4;
    public const int Churns = 5;
    public const int Overflows = 6;
    public const int Fields = 7;
}

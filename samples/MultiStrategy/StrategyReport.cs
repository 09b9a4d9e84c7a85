using System.Text.Json.Serialization;

namespace MultiStrategy;

/// <summary>What a strategy process tells the dashboard, one JSON line on its standard output at a time.</summary>
internal sealed record StrategyReport
{
    public required string Name { get; init; }

    public required string Stream { get; init; }

    public long Messages { get; init; }

    public double MessagesPerSecond { get; init; }

    public long Signals { get; init; }

    public string? LastSignal { get; init; }

    /// <summary>Median delay from the upstream timestamp to the strategy's loop, in milliseconds.</summary>
    public double LatencyP50Milliseconds { get; init; }

    public long Gaps { get; init; }

    public long Reconnects { get; init; }

    public long Errors { get; init; }

    public bool JoinedExistingConnection { get; init; }

    public string? Fault { get; init; }
}

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(StrategyReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

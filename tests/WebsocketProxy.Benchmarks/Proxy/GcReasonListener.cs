using System.Diagnostics.Tracing;
using System.Globalization;

namespace WebsocketProxy.Benchmarks.Proxy;

/// <summary>
/// With <c>WSPROXY_BENCH_GC=1</c>, a reader process writes every garbage collection's generation and reason (the
/// runtime's <c>GCStart</c> event) to standard error: a collection during a flood stops the client's pump, and a long
/// enough stop is a ring lap.
/// </summary>
internal sealed class GcReasonListener : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    public static GcReasonListener? StartIfAsked() => Environment.GetEnvironmentVariable("WSPROXY_BENCH_GC") == "1" ? new GcReasonListener() : null;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCStart", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
        {
            return;
        }

        var depth = eventData.Payload![eventData.PayloadNames.IndexOf("Depth")];
        var reason = eventData.Payload[eventData.PayloadNames.IndexOf("Reason")];
        var type = eventData.PayloadNames.Contains("Type") ? eventData.Payload[eventData.PayloadNames.IndexOf("Type")] : null;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gc pid {Environment.ProcessId} gen {depth} reason {reason} type {type}"));
    }
}

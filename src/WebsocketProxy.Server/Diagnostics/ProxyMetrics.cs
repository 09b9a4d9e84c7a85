using System.Diagnostics.Metrics;

namespace WebsocketProxy.Server.Diagnostics;

/// <summary>The proxy's System.Diagnostics.Metrics instruments (meter <c>WebsocketProxy.Server</c>).</summary>
internal sealed class ProxyMetrics : IDisposable
{
    public const string MeterName = "WebsocketProxy.Server";
    private readonly Meter _meter = new(MeterName);

    public ProxyMetrics()
    {
        FramesReceived = _meter.CreateCounter<long>("wsproxy.upstream.frames_received", "{frame}", "Messages received from upstream.");
        BytesReceived = _meter.CreateCounter<long>("wsproxy.upstream.bytes_received", "By", "Bytes received from upstream.");
        FramesSent = _meter.CreateCounter<long>("wsproxy.upstream.frames_sent", "{frame}", "Messages sent upstream (client sends, preludes, subscriptions).");
        Reconnects = _meter.CreateCounter<long>("wsproxy.upstream.reconnects", "{reconnect}", "Successful upstream reconnects.");
        Commands = _meter.CreateCounter<long>("wsproxy.commands", "{command}", "Client commands handled.");
        RejectedCommands = _meter.CreateCounter<long>("wsproxy.commands.rejected", "{command}", "Client commands answered with an error.");
    }

    /// <summary>This instance's meter (tests listen to it alone).</summary>
    public Meter Meter => _meter;

    public Counter<long> FramesReceived { get; }

    public Counter<long> BytesReceived { get; }

    public Counter<long> FramesSent { get; }

    public Counter<long> Reconnects { get; }

    public Counter<long> Commands { get; }

    public Counter<long> RejectedCommands { get; }

    /// <summary>Publishes per-reader lag and loss as reported by each client's heartbeat.</summary>
    public void ObserveReaders(Func<IEnumerable<Measurement<long>>> lag, Func<IEnumerable<Measurement<long>>> lost)
    {
        _meter.CreateObservableGauge("wsproxy.reader.lag", lag, "{message}", "Messages published but not yet read, per client.");
        _meter.CreateObservableCounter("wsproxy.reader.lost", lost, "{message}", "Messages a client's reader lost to ring overrun.");
    }

    public void Dispose() => _meter.Dispose();
}

using Spectre.Console;
using Spectre.Console.Rendering;

namespace MultiStrategy;

/// <summary>Renders the latest report of every strategy plus the shared-connection facts.</summary>
internal sealed class Dashboard(string upstream, Func<int> upstreamConnections, Func<long> upstreamReconnects)
{
    public IRenderable Render(IReadOnlyCollection<StrategyReport> reports, TimeSpan elapsed, TimeSpan duration)
    {
        var table = new Table().Border(TableBorder.Rounded).Expand();
        table.Title = new TableTitle($"[bold]WebsocketProxy multi-strategy[/]  {Markup.Escape(upstream)}");
        table.AddColumns("Strategy", "Stream", "Messages", "Rate/s", "Signals", "Last signal", "Latency p50", "Gaps", "Reconnects");
        foreach (var report in reports.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            table.AddRow(
                Markup.Escape(report.Name),
                Markup.Escape(report.Stream),
                report.Messages.ToString("N0", null),
                report.MessagesPerSecond.ToString("N0", null),
                report.Signals.ToString("N0", null),
                Markup.Escape(report.Fault ?? report.LastSignal ?? "-"),
                $"{report.LatencyP50Milliseconds:F2} ms",
                report.Gaps.ToString("N0", null),
                report.Reconnects.ToString("N0", null));
        }

        var connections = upstreamConnections();
        var footer = new Markup(
            $"Upstream connections: [bold {(connections == 1 ? "green" : "red")}]{connections}[/]   " +
            $"Upstream reconnects: {upstreamReconnects()}   Strategies: {reports.Count}   " +
            $"Elapsed: {Clock(elapsed)} / {Clock(duration)}   (Ctrl-C to stop)");
        return new Rows(table, footer);
    }

    /// <summary>
    /// The same facts as plain lines, for output redirected to a file or a pipe: no redraw, and no wrapping at
    /// the 80 columns Spectre.Console assumes when it cannot see a terminal.
    /// </summary>
    public string RenderPlain(IReadOnlyCollection<StrategyReport> reports, TimeSpan elapsed, TimeSpan duration) =>
        $"[{Clock(elapsed)} / {Clock(duration)}] upstream connections {upstreamConnections()}, upstream reconnects {upstreamReconnects()}, strategies {reports.Count}" +
        Environment.NewLine + Summarize(reports);

    public static string Summarize(IReadOnlyCollection<StrategyReport> reports) =>
        string.Join(
            Environment.NewLine,
            reports.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r =>
                $"{r.Name,-22} {r.Stream,-8} messages {r.Messages,10:N0}  signals {r.Signals,6:N0}  p50 {r.LatencyP50Milliseconds,7:F2} ms  gaps {r.Gaps}  reconnects {r.Reconnects}  errors {r.Errors}{(r.Fault is null ? string.Empty : $"  fault: {r.Fault}")}"));

    // Rounded, not truncated: the last refresh lands a hair before the duration and would read one second short.
    private static string Clock(TimeSpan time) => TimeSpan.FromSeconds(Math.Round(time.TotalSeconds)).ToString(@"mm\:ss", null);
}

namespace WebsocketProxy.Alpaca.Models;

/// <summary>Which bar channel a bar came from.</summary>
public enum BarKind
{
    /// <summary>Minute bar (<c>b</c>, channel <c>bars</c>).</summary>
    Minute,

    /// <summary>Daily bar so far (<c>d</c>, channel <c>dailyBars</c>).</summary>
    Daily,

    /// <summary>Corrected earlier minute bar (<c>u</c>, channel <c>updatedBars</c>).</summary>
    Updated,
}

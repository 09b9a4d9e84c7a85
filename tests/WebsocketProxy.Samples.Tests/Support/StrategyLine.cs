using System.Globalization;
using System.Text.RegularExpressions;

namespace WebsocketProxy.Samples.Tests.Support;

/// <summary>
/// One strategy's line as MultiStrategy prints it in its plain dashboard and its summary:
/// <c>name stream messages N signals N p50 X ms gaps N reconnects N errors N [fault: …]</c>.
/// </summary>
public sealed partial record StrategyLine(string Name, string Stream, long Messages, long Errors, string? Fault)
{
    public static StrategyLine? TryParse(string line)
    {
        var match = Pattern().Match(line);
        return match.Success
            ? new StrategyLine(
                match.Groups["name"].Value,
                match.Groups["stream"].Value,
                Number(match.Groups["messages"].Value),
                Number(match.Groups["errors"].Value),
                match.Groups["fault"].Success ? match.Groups["fault"].Value : null)
            : null;
    }

    /// <summary>The strategy lines between the "Summary" heading and the line after them.</summary>
    public static IReadOnlyList<StrategyLine> Summary(IReadOnlyList<string> output)
    {
        var heading = output.ToList().IndexOf("Summary");
        return heading < 0 ? [] : [.. output.Skip(heading + 1).Select(TryParse).TakeWhile(s => s is not null).Select(s => s!)];
    }

    // The sample formats counts with N0 in its own culture: keep only the digits.
    private static long Number(string text) => long.Parse(string.Concat(text.Where(char.IsAsciiDigit)), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<name>\S+)\s+(?<stream>\S+)\s+messages\s+(?<messages>\d[^a-z]*?)\s+signals\s.*\serrors (?<errors>\d+)(\s+fault: (?<fault>.*))?$")]
    private static partial Regex Pattern();
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>What <c>websocket-proxy status</c> prints, parsed: the proxy's pid, frames published, clients, topics.</summary>
internal sealed partial record ProxyStatus(int Pid, long Published, IReadOnlyList<ProxyClientStatus> Clients, IReadOnlyDictionary<string, int> Topics, string Text)
{
    /// <summary>The client entry of process <paramref name="pid"/>, if the proxy still lists it.</summary>
    public ProxyClientStatus? ClientOf(int pid) => Clients.FirstOrDefault(c => c.Pid == pid);

    /// <summary>How many handles hold <paramref name="symbol"/> on any channel (0 when no topic names it).</summary>
    public int HoldersOf(string symbol) =>
        Topics.Where(t => t.Key.EndsWith("/" + symbol, StringComparison.Ordinal)).Sum(t => t.Value);

    public static ProxyStatus Parse(string text)
    {
        var header = HeaderLine().Match(text);
        if (!header.Success)
        {
            throw new FormatException($"Not a proxy status:\n{text}");
        }

        var clients = ClientLine().Matches(text).Select(m => new ProxyClientStatus(
            m.Groups["name"].Value,
            int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["received"].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups["lost"].Value, CultureInfo.InvariantCulture))).ToArray();
        var topics = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (Match m in TopicLine().Matches(text))
        {
            var key = m.Groups["topic"].Value;
            topics[key] = topics.GetValueOrDefault(key) + int.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture);
        }

        return new ProxyStatus(
            int.Parse(header.Groups["pid"].Value, CultureInfo.InvariantCulture),
            long.Parse(header.Groups["published"].Value, CultureInfo.InvariantCulture),
            clients,
            topics,
            text);
    }

    [GeneratedRegex(@"^proxy \S+: pid (?<pid>\d+),.* published (?<published>\d+)$", RegexOptions.Multiline)]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^  [0-9a-f]{16} (?<name>.+) pid (?<pid>\d+): connections \d+, received (?<received>\d+), lost (?<lost>\d+),", RegexOptions.Multiline)]
    private static partial Regex ClientLine();

    [GeneratedRegex(@"^    (?<topic>.+): (?<count>\d+)$", RegexOptions.Multiline)]
    private static partial Regex TopicLine();
}

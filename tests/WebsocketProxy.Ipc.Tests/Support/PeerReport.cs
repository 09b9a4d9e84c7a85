using System.Globalization;

namespace WebsocketProxy.Ipc.Tests.Support;

/// <summary>Parses a reader peer's <c>done key=value ...</c> line.</summary>
internal sealed record PeerReport(long Received, long Lost, long Corrupt, long OutOfOrder, string Hash)
{
    public static PeerReport Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(part => part.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        return new PeerReport(
            long.Parse(fields["received"], CultureInfo.InvariantCulture),
            long.Parse(fields["lost"], CultureInfo.InvariantCulture),
            long.Parse(fields["corrupt"], CultureInfo.InvariantCulture),
            long.Parse(fields["outoforder"], CultureInfo.InvariantCulture),
            fields["hash"]);
    }
}

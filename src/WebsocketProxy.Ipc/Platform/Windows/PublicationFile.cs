using System.Globalization;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// The file that publishes a shared region on Windows: three lines, <c>section=&lt;kernel object name&gt;</c>,
/// <c>length=&lt;bytes&gt;</c> and <c>session=&lt;logon session id&gt;</c> of its creator (names in <c>Local\</c> are
/// per session, so a reader in another session must be told why it cannot open the section rather than find nothing).
/// Plain text so that <c>type</c> shows what a file stands for; parsed strictly, since another program of the user could
/// write anything there.
/// </summary>
internal static class PublicationFile
{
    /// <summary>Far more than any valid file needs.</summary>
    public const int MaxLength = 1024;

    private const string SectionKey = "section=";
    private const string LengthKey = "length=";
    private const string SessionKey = "session=";

    public static string Format(Publication publication) =>
        string.Create(CultureInfo.InvariantCulture, $"{SectionKey}{publication.Section}\n{LengthKey}{publication.Length}\n{SessionKey}{publication.Session}\n");

    /// <exception cref="InvalidDataException">Anything but the three lines with a name of this back-end, a positive length and a session id.</exception>
    public static Publication Parse(string text, string path)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 3
            && lines[0].StartsWith(SectionKey, StringComparison.Ordinal)
            && lines[1].StartsWith(LengthKey, StringComparison.Ordinal)
            && lines[2].StartsWith(SessionKey, StringComparison.Ordinal)
            && long.TryParse(lines[1].AsSpan(LengthKey.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            && length > 0
            && int.TryParse(lines[2].AsSpan(SessionKey.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var session))
        {
            var section = lines[0][SectionKey.Length..];
            if (section.StartsWith(@"Local\wsproxy-", StringComparison.Ordinal) && section.Length <= WindowsObjectNames.MaxObjectNameLength)
            {
                return new Publication(section, length, session);
            }
        }

        throw new InvalidDataException($"'{path}' does not name a shared section of this back-end.");
    }

    /// <summary>What a publication file says.</summary>
    /// <param name="Section">The section's kernel object name.</param>
    /// <param name="Length">The region's length in bytes.</param>
    /// <param name="Session">The logon session (Terminal Services session id) of the process that created the section.</param>
    internal sealed record Publication(string Section, long Length, int Session);
}

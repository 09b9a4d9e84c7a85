using System.Globalization;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// The file that publishes a shared region on Windows: two lines, <c>section=&lt;kernel object name&gt;</c> and
/// <c>length=&lt;bytes&gt;</c>. Plain text so that <c>type</c> shows what a file stands for; parsed strictly, since
/// another program of the user could write anything there.
/// </summary>
internal static class PublicationFile
{
    /// <summary>Far more than any valid file needs.</summary>
    public const int MaxLength = 1024;

    private const string SectionKey = "section=";
    private const string LengthKey = "length=";

    public static string Format(string section, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"{SectionKey}{section}\n{LengthKey}{length}\n");

    /// <exception cref="InvalidDataException">Anything but the two lines with a name of this back-end and a positive length.</exception>
    public static (string Section, long Length) Parse(string text, string path)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 2
            && lines[0].StartsWith(SectionKey, StringComparison.Ordinal)
            && lines[1].StartsWith(LengthKey, StringComparison.Ordinal)
            && long.TryParse(lines[1].AsSpan(LengthKey.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            && length > 0)
        {
            var section = lines[0][SectionKey.Length..];
            if (section.StartsWith(@"Local\wsproxy-", StringComparison.Ordinal) && section.Length <= WindowsObjectNames.MaxObjectNameLength)
            {
                return (section, length);
            }
        }

        throw new InvalidDataException($"'{path}' does not name a shared section of this back-end.");
    }
}

using System.Globalization;

namespace WebsocketProxy.Ipc.Platform.Windows;

/// <summary>
/// Names and security descriptors of the Windows back-end's kernel objects, as plain strings: the rules live here,
/// apart from the calls that use them, so they are checked on every system (the objects exist only on Windows).
/// </summary>
/// <remarks>
/// Objects live in the session's <c>Local\</c> namespace (creating in <c>Global\</c> needs SeCreateGlobalPrivilege) under
/// names that start with the user's SID, so two users of one session never meet on a name; the random part of a
/// section's name means nobody can create it first, and every object opened is checked to be owned by this user.
/// </remarks>
internal static class WindowsObjectNames
{
    /// <summary>The longest kernel object name <c>CreateFileMappingW</c> and friends accept (MAX_PATH).</summary>
    public const int MaxObjectNameLength = 260;

    private const string Prefix = @"Local\wsproxy-";

    /// <summary>
    /// A section's name: <c>Local\wsproxy-&lt;SID&gt;-&lt;id&gt;</c>. <paramref name="id"/> is random per region
    /// (a restarted writer publishes a new section while readers still map the old one).
    /// </summary>
    /// <exception cref="ArgumentException">Not a SID, or an id of other than 1 to 32 hexadecimal digits.</exception>
    public static string Section(string userSid, string id)
    {
        CheckSid(userSid);
        if (id.Length is 0 or > 32 || !id.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"A section id is 1 to 32 hexadecimal digits; got '{id}'.", nameof(id));
        }

        return Prefix + userSid + "-" + id;
    }

    /// <summary>
    /// The semaphore that wakes sleepers on the word at <paramref name="wordOffset"/> of <paramref name="section"/>:
    /// <c>&lt;section&gt;-w&lt;offset&gt;</c>, one per word, so a wake meant for one word is never taken by a sleeper on another.
    /// </summary>
    public static string WakeSemaphore(string section, long wordOffset)
    {
        if (!section.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{section}' is not a section of this back-end.", nameof(section));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(wordOffset);
        var name = string.Create(CultureInfo.InvariantCulture, $"{section}-w{wordOffset}");
        return name.Length <= MaxObjectNameLength ? name : throw new ArgumentException($"'{name}' is longer than {MaxObjectNameLength} characters.", nameof(section));
    }

    /// <summary>
    /// The security descriptor every object of the back-end is created with, in SDDL: owned by the user
    /// (<c>O:</c>, so an elevated process does not hand it to the Administrators group) and a protected DACL (<c>D:P</c>,
    /// nothing inherited) with a single entry granting the user all access (<c>GA</c>). Nobody else, not even SYSTEM,
    /// is granted anything (an administrator can still take ownership).
    /// </summary>
    public static string SecurityDescriptor(string userSid)
    {
        CheckSid(userSid);
        return $"O:{userSid}D:P(A;;GA;;;{userSid})";
    }

    /// <summary>Whether <paramref name="value"/> is a SID in its string form (<c>S-1-5-21-…</c>).</summary>
    public static bool IsSid(string value)
    {
        // S-<revision>-<authority>(-<subauthority>){0..15}; revision 1; authority 48 bits, sub-authorities 32 bits.
        var parts = value.Split('-');
        if (parts.Length is < 3 or > 18 || parts[0] != "S" || parts[1] != "1")
        {
            return false;
        }

        return ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var authority) && authority < 1UL << 48
            && parts.Skip(3).All(part => part.Length > 0 && uint.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _));
    }

    private static void CheckSid(string userSid)
    {
        if (!IsSid(userSid))
        {
            throw new ArgumentException($"'{userSid}' is not a security identifier (S-1-…).", nameof(userSid));
        }
    }
}

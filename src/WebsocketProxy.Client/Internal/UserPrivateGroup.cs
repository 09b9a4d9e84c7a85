using WebsocketProxy.Shared;

namespace WebsocketProxy.Client.Internal;

/// <summary>
/// Whether a group is this user's private group (the user-private-group scheme of Debian, Ubuntu, Fedora: a group
/// named after the user, its primary group, with nobody else in it). Such systems give users umask 002, so their
/// own folders and files are group-writable, yet no other user can write them. Only what <c>/etc/passwd</c> and
/// <c>/etc/group</c> say counts: a group known only to a directory service is treated as shared.
/// </summary>
internal static class UserPrivateGroup
{
    /// <summary>Whether <paramref name="gid"/> is private to this process's effective user.</summary>
    public static bool IsPrivate(uint gid) => IsPrivate(gid, FileSecurity.EffectiveUserId, "/etc/passwd", "/etc/group");

    /// <summary>Whether <paramref name="gid"/> is private to user <paramref name="uid"/> according to the given files.</summary>
    internal static bool IsPrivate(uint gid, uint uid, string passwdFile, string groupFile)
    {
        try
        {
            string? user = null;
            uint? primary = null;
            foreach (var line in File.ReadLines(passwdFile))
            {
                var fields = line.Split(':');
                if (fields.Length < 4 || !uint.TryParse(fields[2], out var entryUid) || !uint.TryParse(fields[3], out var entryGid))
                {
                    continue;
                }

                if (entryUid == uid)
                {
                    user ??= fields[0];
                    primary ??= entryGid;
                }
                else if (entryGid == gid)
                {
                    // Another account's primary group: its processes create and write files with it.
                    return false;
                }
            }

            if (user is null || primary != gid)
            {
                return false;
            }

            foreach (var line in File.ReadLines(groupFile))
            {
                var fields = line.Split(':');
                if (fields.Length >= 4 && uint.TryParse(fields[2], out var entryGid) && entryGid == gid)
                {
                    return fields[0] == user
                        && fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(member => member == user);
                }
            }

            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

namespace WebsocketProxy.Protocol;

/// <summary>
/// The one way a URL is written to a log, a status report or an error message: user info
/// (<c>wss://key:secret@host</c>), query (<c>?token=</c>) and fragment are credentials often enough to leave out always.
/// </summary>
public static class SafeUrl
{
    /// <summary><c>scheme://host[:port]/path</c> of <paramref name="url"/>.</summary>
    /// <param name="url">Any URL.</param>
    /// <returns>The URL without user info, query and fragment.</returns>
    public static string Format(Uri url) =>
        url.IsAbsoluteUri ? url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : "(a relative URL)";
}

namespace WebsocketProxy.Server.Hosting;

/// <summary>
/// Has the runtime run socket completions on its socket event thread instead of queueing each one to the thread pool.
/// An upstream message then goes from the socket to the broadcast ring on the thread that saw it arrive: one wake-up
/// of a sleeping thread less per message, which on a loaded machine was most of the latency the proxy added (about
/// 150 µs of 250 at the median at 1,000 messages a second). The runtime reads the variable once, when the first
/// socket is made, so <see cref="Enable"/> runs first thing in <c>Main</c>. Code that continues after a socket
/// operation must then not block: the proxy's receive loop only copies into the ring, and sends, connects and closes
/// leave the event thread before going on (<see cref="Upstream.UpstreamConnection"/>).
/// </summary>
internal static class InlineSocketCompletions
{
    /// <summary>The runtime's switch (Unix socket engine; read once per process).</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Sets <see cref="Variable"/> for this process unless it is set already (an explicit <c>0</c> turns this off).</summary>
    /// <returns>Whether it was set here.</returns>
    public static bool Enable()
    {
        var value = ValueFor(Environment.GetEnvironmentVariable(Variable), OperatingSystem.IsLinux());
        if (value is null)
        {
            return false;
        }

        Environment.SetEnvironmentVariable(Variable, value);
        return true;
    }

    /// <summary>
    /// The value to set, or <see langword="null"/> to leave it: only on Linux (where it was measured; elsewhere the same
    /// variable changes the I/O completion port threads), and never over a value the user chose.
    /// </summary>
    internal static string? ValueFor(string? current, bool isLinux) => isLinux && current is null ? "1" : null;
}

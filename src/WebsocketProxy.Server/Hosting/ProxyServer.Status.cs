using System.Globalization;
using System.Text;

namespace WebsocketProxy.Server.Hosting;

internal sealed partial class ProxyServer
{
    /// <summary>The text <c>websocket-proxy status</c> prints: clients, connections, subscriptions with counts, ring lag.</summary>
    private async Task<string> BuildStatusAsync()
    {
        var text = new StringBuilder();
        var published = _publisher.Published;
        text.Append(CultureInfo.InvariantCulture, $"proxy {_options.Instance}: pid {ProcessId}, up {Uptime:d\\.hh\\:mm\\:ss}, log level {_levels.Level}, ring {_options.RingCapacity} bytes, published {published}\n");
        // A client that said goodbye is gone for good, even before the next reap removes its handler.
        var clients = _clients.Values.Where(c => !c.SaidGoodbye && !c.Completion.IsCompleted).ToArray();
        text.Append(CultureInfo.InvariantCulture, $"clients ({clients.Length}):\n");
        foreach (var client in clients)
        {
            var lag = Math.Max(0, published - client.Received - client.Lost);
            text.Append(CultureInfo.InvariantCulture, $"  {client.Id:x16} {client.Name} pid {client.ProcessId}: connections {_connections.CountHeldBy(client.Id)}, received {client.Received}, lost {client.Lost}, lag {lag}, rejected {client.Rejected}\n");
        }

        var connections = _connections.Snapshot();
        text.Append(CultureInfo.InvariantCulture, $"connections ({connections.Count}):\n");
        foreach (var (connection, holders) in connections)
        {
            var health = connection.Health;
            var state = health.Connected ? "connected" : "reconnecting";
            var since = _time.GetUtcNow() - health.Since;
            text.Append(CultureInfo.InvariantCulture, $"  #{connection.Id} {connection.SafeUrl}: {state}, clients {holders}\n");
            text.Append(CultureInfo.InvariantCulture, $"    state: {state} since {health.Since:yyyy-MM-ddTHH:mm:ssZ} ({since.TotalSeconds:0} s), reconnects {health.Reconnects}, last drop: {health.LastDrop ?? "none"}\n");
            foreach (var (group, topic, count) in await connection.GetTopicsAsync().ConfigureAwait(false))
            {
                text.Append(CultureInfo.InvariantCulture, $"    {group}/{topic}: {count}\n");
            }
        }

        return text.ToString();
    }
}

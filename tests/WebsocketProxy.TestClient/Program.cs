using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using WebsocketProxy.Client;

// A scriptable client process for the multi-process tests. Commands, one per stdin line:
//   open <url> [header=value ...] | sub <group> <max> <t1,t2> | unsub <group> <max> <t1,t2> | send <text>
//   close | status | loglevel <level> | exit
//   connect <name>: another WebsocketProxyClient in this process (as another typed stream object makes), used by the
//   commands that follow | threads <name>: how many threads of this process have that name
// Every answer and every frame is one stdout line: data frames as "data <text>", other frames as "event <kind> <message>".
var arguments = args.Select((value, index) => (value, index)).Where(a => a.index % 2 == 0).ToDictionary(a => a.value, a => args[a.index + 1]);
var options = WebsocketProxyClientOptions.Default with
{
    Name = arguments.GetValueOrDefault("--name", "test-client"),
    Instance = arguments["--instance"],
    ProxyPath = arguments.GetValueOrDefault("--proxy"),
    ProxyGracePeriod = TimeSpan.FromSeconds(double.Parse(arguments.GetValueOrDefault("--grace", "2"), CultureInfo.InvariantCulture)),
    ProxyLogFile = arguments.GetValueOrDefault("--log"),
    ProxyLogLevel = Microsoft.Extensions.Logging.LogLevel.Debug,
};

var output = new object();
void Print(string line)
{
    lock (output)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}

var client = await WebsocketProxyClient.ConnectAsync(options);
List<WebsocketProxyClient> clients = [client];
Print($"ready {client.ServerId}");
IProxyConnection? connection = null;
Task? reading = null;

static SubscriptionTemplate Template(string group, string max) => new()
{
    Group = group,
    Subscribe = "{\"action\":\"subscribe\",\"" + group + "\":[{topics}]}",
    Unsubscribe = "{\"action\":\"unsubscribe\",\"" + group + "\":[{topics}]}",
    MaxTopicsPerMessage = int.Parse(max, CultureInfo.InvariantCulture),
};

while (Console.In.ReadLine() is { } line)
{
    var parts = line.Split(' ', 4);
    try
    {
        switch (parts[0])
        {
            case "open":
                var headers = parts.Skip(2).SelectMany(p => p.Split(' ')).Select(h => h.Split('=', 2)).ToDictionary(h => h[0], h => h[1]);
                connection = await client.OpenAsync(new ProxyConnectionOptions { Url = new Uri(parts[1]), Headers = headers, InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(500) });
                var frames = connection.ReadFramesAsync();
                reading = Task.Run(async () =>
                {
                    await foreach (var frame in frames)
                    {
                        Print(frame.Kind == ProxyFrameKind.Data ? $"data {Encoding.UTF8.GetString(frame.Payload.Span)}" : $"event {frame.Kind.ToString().ToLowerInvariant()} {frame.Message}");
                    }
                });
                Print($"opened {connection.Id} {connection.IsNew}");
                break;
            case "sub":
                await connection!.SubscribeAsync(Template(parts[1], parts[2]), parts[3].Split(','));
                Print("subscribed");
                break;
            case "unsub":
                await connection!.UnsubscribeAsync(Template(parts[1], parts[2]), parts[3].Split(','));
                Print("unsubscribed");
                break;
            case "send":
                await connection!.SendAsync(Encoding.UTF8.GetBytes(line[5..]), WebSocketMessageType.Text);
                Print("sent");
                break;
            case "close":
                await connection!.DisposeAsync();
                Print("closed-ok");
                break;
            case "status":
                Print("status " + (await client.GetStatusAsync()).Replace('\n', '|'));
                break;
            case "loglevel":
                await client.SetLogLevelAsync(Enum.Parse<Microsoft.Extensions.Logging.LogLevel>(parts[1]));
                Print("loglevel-ok");
                break;
            case "connect":
                client = await WebsocketProxyClient.ConnectAsync(options with { Name = parts[1] });
                clients.Add(client);
                Print("connected");
                break;
            case "threads":
                // Linux names a thread after Thread.Name (at most 15 bytes).
                var named = Directory.GetDirectories("/proc/self/task").Count(task => File.ReadAllText(Path.Combine(task, "comm")).Trim() == parts[1]);
                Print($"threads {named}");
                break;
            case "exit":
                await DisposeAllAsync();
                return 0;
            default:
                Print("fail unknown command " + parts[0]);
                break;
        }
    }
    catch (Exception ex) when (ex is WebsocketProxyException or ArgumentException or InvalidOperationException)
    {
        Print("fail " + ex.Message.Replace('\n', ' '));
    }
}

await DisposeAllAsync();
return 0;

async Task DisposeAllAsync()
{
    foreach (var each in clients)
    {
        await each.DisposeAsync();
    }
}

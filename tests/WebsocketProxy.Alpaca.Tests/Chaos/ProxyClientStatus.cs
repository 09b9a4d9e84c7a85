namespace WebsocketProxy.Alpaca.Tests.Chaos;

/// <summary>One client line of the proxy's status: its received and lost counts are its last heartbeat's.</summary>
internal sealed record ProxyClientStatus(string Name, int Pid, long Received, long Lost);

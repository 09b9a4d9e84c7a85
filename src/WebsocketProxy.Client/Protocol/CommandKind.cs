namespace WebsocketProxy.Client.Protocol;

/// <summary>The kind of a record on a client's request ring (and of the reply that answers it).</summary>
internal enum CommandKind : byte
{
    Hello = 1,
    Open = 2,
    Close = 3,
    Send = 4,
    Subscribe = 5,
    Unsubscribe = 6,
    SetLogLevel = 7,
    Status = 8,
    Goodbye = 9,
    Heartbeat = 10,
}

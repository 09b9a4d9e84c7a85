namespace WebsocketProxy.Protocol;

/// <summary>The kind of a record on a client's request ring (and of the reply that answers it).</summary>
public enum CommandKind : byte
{
    /// <summary><see cref="HelloCommand"/>.</summary>
    Hello = 1,

    /// <summary><see cref="OpenCommand"/>.</summary>
    Open = 2,

    /// <summary><see cref="CloseCommand"/>.</summary>
    Close = 3,

    /// <summary><see cref="SendCommand"/>.</summary>
    Send = 4,

    /// <summary><see cref="SubscriptionCommand"/> that subscribes (carries a template id since protocol version 2).</summary>
    Subscribe = 5,

    /// <summary><see cref="SubscriptionCommand"/> that unsubscribes.</summary>
    Unsubscribe = 6,

    /// <summary><see cref="SetLogLevelCommand"/>.</summary>
    SetLogLevel = 7,

    /// <summary><see cref="StatusCommand"/>.</summary>
    Status = 8,

    /// <summary><see cref="GoodbyeCommand"/>.</summary>
    Goodbye = 9,

    /// <summary><see cref="HeartbeatCommand"/>.</summary>
    Heartbeat = 10,

    /// <summary><see cref="RegisterTemplateCommand"/> (since protocol version 2).</summary>
    RegisterTemplate = 11,
}

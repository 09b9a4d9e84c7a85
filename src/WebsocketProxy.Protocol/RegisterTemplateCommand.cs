using WebsocketProxy.Client;

namespace WebsocketProxy.Protocol;

/// <summary>
/// Registers a subscription template on a connection under an id the client chooses, so that subscribe and
/// unsubscribe commands carry the id instead of the whole template. The client chooses the id (any positive number
/// it has not registered on the connection) so that a subscribe can follow its registration in the same ring at once:
/// the proxy executes one client's commands in order. Registering an equal template under the same id again is a
/// no-op. Refused: a template of a group that already has a different template on the connection (a group has one
/// template, whoever registered it), an id already registered with a different template, and more than
/// <see cref="MaxTemplatesPerClient"/> templates of one client on one connection. A registration lasts until the
/// client releases the connection (or goes); ids mean nothing on another connection or another proxy.
/// </summary>
/// <param name="CorrelationId">Matches the reply.</param>
/// <param name="ConnectionId">The id the open's reply gave.</param>
/// <param name="TemplateId">The id, positive, chosen by the client.</param>
/// <param name="Template">The template.</param>
public sealed record RegisterTemplateCommand(long CorrelationId, long ConnectionId, int TemplateId, SubscriptionTemplate Template) : Command(CorrelationId)
{
    /// <summary>The most templates one client may register on one connection.</summary>
    public const int MaxTemplatesPerClient = 256;

    /// <inheritdoc/>
    public override CommandKind Kind => CommandKind.RegisterTemplate;
}

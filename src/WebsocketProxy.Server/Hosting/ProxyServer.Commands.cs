using System.Buffers;
using System.Text;
using WebsocketProxy.Protocol;
using WebsocketProxy.Server.Clients;
using WebsocketProxy.Server.Upstream;

namespace WebsocketProxy.Server.Hosting;

internal sealed partial class ProxyServer
{
    private async Task DispatchAsync(RegisteredClient client, Command command)
    {
        _metrics.Commands.Add(1);
        try
        {
            switch (command)
            {
                case HelloCommand hello:
                    client.Name = hello.Name;
                    client.ProcessId = hello.ProcessId;
                    LogClientRegistered(_logger, client.Id, hello.Name, hello.ProcessId);
                    client.ReplyOk(command.Kind, command.CorrelationId, Body(new HelloReply(ProcessId, _publisher.Epoch).Write));
                    break;
                case OpenCommand open:
                    // Opening can take seconds (connect, prelude, readiness): the client's other commands go on
                    // meanwhile, up to a few opens at once per client; a client flooding opens waits for itself.
                    if (await client.EnterOpenAsync().ConfigureAwait(false))
                    {
                        _ = OpenAsync(client, open);
                    }

                    break;
                case CloseCommand close:
                    await _connections.CloseAsync(client.Id, close.ConnectionId).ConfigureAwait(false);
                    client.ReplyOk(command.Kind, command.CorrelationId, default);
                    break;
                case SendCommand send:
                    await _connections.Get(client.Id, send.ConnectionId).SendAsync(send.Payload, send.MessageType, CancellationToken.None).ConfigureAwait(false);
                    client.ReplyOk(command.Kind, command.CorrelationId, default);
                    break;
                case RegisterTemplateCommand registration:
                    await _connections.Get(client.Id, registration.ConnectionId).RegisterTemplateAsync(client.Id, registration.TemplateId, registration.Template).ConfigureAwait(false);
                    client.ReplyOk(command.Kind, command.CorrelationId, default);
                    break;
                case SubscriptionCommand subscription:
                    await ChangeSubscriptionAsync(client, subscription).ConfigureAwait(false);
                    client.ReplyOk(command.Kind, command.CorrelationId, default);
                    break;
                case SetLogLevelCommand level:
                    _levels.Level = level.Level;
                    LogLevelChanged(_logger, level.Level.ToString(), client.Name);
                    client.ReplyOk(command.Kind, command.CorrelationId, default);
                    break;
                case StatusCommand:
                    client.ReplyOk(command.Kind, command.CorrelationId, Encoding.UTF8.GetBytes(await BuildStatusAsync().ConfigureAwait(false)));
                    break;
                case GoodbyeCommand:
                    client.MarkLeaving();
                    await _connections.ReleaseClientAsync(client.Id).ConfigureAwait(false);
                    client.ReplyOk(command.Kind, command.CorrelationId, default);
                    break;
                case HeartbeatCommand heartbeat:
                    client.Received = heartbeat.Received;
                    client.Lost = heartbeat.Lost;
                    break;
                default:
                    client.ReplyError(command.Kind, command.CorrelationId, $"Command {command.Kind} is not supported.");
                    break;
            }
        }
        catch (Exception ex) when (ex is KeyNotFoundException or UpstreamException or ArgumentException or InvalidOperationException)
        {
            _metrics.RejectedCommands.Add(1);
            client.ReplyError(command.Kind, command.CorrelationId, ex.Message);
        }
    }

    private async Task OpenAsync(RegisteredClient client, OpenCommand open)
    {
        try
        {
            var (connection, isNew) = await _connections.OpenAsync(client.Id, open.Options, open.Restoring).ConfigureAwait(false);
            LogClientOpened(_logger, client.Id, client.Name, connection.Id, connection.SafeUrl, isNew);
            client.ReplyOk(open.Kind, open.CorrelationId, Body(new OpenReply(connection.Id, isNew).Write));
        }
#pragma warning disable CA1031 // Detached: whatever fails must become a reply, never an unobserved exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _metrics.RejectedCommands.Add(1);
            LogOpenFailed(_logger, client.Id, client.Name, ex.Message);
            client.ReplyError(open.Kind, open.CorrelationId, ex.Message);
        }
        finally
        {
            client.ExitOpen();
        }
    }

    private async Task ChangeSubscriptionAsync(RegisteredClient client, SubscriptionCommand command)
    {
        var error = SubscriptionTemplateValidator.ValidateTopics(command.Topics);
        if (error is not null)
        {
            throw new ArgumentException(error);
        }

        var connection = _connections.Get(client.Id, command.ConnectionId);
        await (command.IsSubscribe
            ? connection.SubscribeAsync(client.Id, command.TemplateId, command.Topics)
            : connection.UnsubscribeAsync(client.Id, command.TemplateId, command.Topics)).ConfigureAwait(false);
    }

    private static byte[] Body(Action<IBufferWriter<byte>> write)
    {
        var buffer = new ArrayBufferWriter<byte>(32);
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}

using System.Buffers;
using WebsocketProxy.Protocol;

namespace WebsocketProxy.Client.Tests;

/// <summary>
/// A handle closed just as the proxy ended its connection (a fatal refusal, say) sends a release the proxy answers
/// with "unknown connection" before the pump has read the Closed event; the client treats that answer as nothing left
/// to release. Both sides word and recognise it through <see cref="ReplyErrors"/>: this proves the real proxy's answer is
/// the one the client recognises.
/// </summary>
public sealed class UnknownConnectionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Close_ConnectionTheProxyDoesNotHoldForTheClient_AnsweredWithTheSharedUnknownConnectionError()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("closer");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var unknown = connection.Id + 1000;

        var closeUnknown = await RawAsync(client, new CloseCommand(501, unknown));
        var unsubscribeUnknown = await RawAsync(client, new SubscriptionCommand(502, false, unknown, 1, ["X"]));

        Assert.False(closeUnknown.Ok);
        Assert.True(ReplyErrors.IsUnknownConnection(closeUnknown.Error, unknown), closeUnknown.Error);
        Assert.False(unsubscribeUnknown.Ok);
        Assert.True(ReplyErrors.IsUnknownConnection(unsubscribeUnknown.Error, unknown), unsubscribeUnknown.Error);
        Assert.False(ReplyErrors.IsUnknownConnection(closeUnknown.Error, connection.Id));

        // The connection this client does hold is untouched, and closing it succeeds.
        await connection.SendAsync("still-open"u8.ToArray());
        await server.WaitForMessageAsync("still-open");
        await connection.DisposeAsync();
    }

    private static async Task<Reply> RawAsync(WebsocketProxyClient client, Command command)
    {
        var record = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(command, record);
        return await client.Registration.RequestRawAsync(command.CorrelationId, record.WrittenSpan.ToArray(), Bound);
    }
}

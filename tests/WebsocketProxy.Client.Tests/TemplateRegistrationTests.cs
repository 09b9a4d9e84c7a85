using System.Buffers;
using System.Diagnostics;
using WebsocketProxy.Protocol;
using static WebsocketProxy.Tests.Shared.TestTemplates;

namespace WebsocketProxy.Client.Tests;

/// <summary>
/// Subscription templates registered once per connection and named by id afterwards, against a real proxy process:
/// a group keeps the template it was registered with, unknown ids and floods of templates are refused clearly, and a
/// new proxy learns the templates again when the client recovers.
/// </summary>
public sealed class TemplateRegistrationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SubscribeAsync_OneTemplateManyTimesFromTwoHandles_RegisteredOnceUnderOneId()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("once");
        var first = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var second = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });

        await first.SubscribeAsync(Bars, ["AAPL"]);
        await first.SubscribeAsync(Bars with { }, ["MSFT"]);
        await second.SubscribeAsync(Bars, ["TSLA"]);
        await first.UnsubscribeAsync(Bars, ["AAPL"]);
        await server.WaitForMessageAsync("""{"action":"unsubscribe","bars":["AAPL"]}""");

        // Id 1 names the template on the proxy; no second registration was made.
        Assert.True((await RawAsync(client, new SubscriptionCommand(9001, true, first.Id, 1, ["NVDA"]))).Ok);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["NVDA"]}""");
        var second2 = await RawAsync(client, new SubscriptionCommand(9002, true, first.Id, 2, ["AMD"]));
        Assert.False(second2.Ok);
        Assert.Contains("Template id 2 is not registered", second2.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubscribeAsync_DifferentTemplateForAGroupAnotherClientUses_ClearErrorAndTheFirstTemplateKept()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var owner = await context.ConnectAsync("owner");
        var other = await context.ConnectIsolatedAsync("other");
        var ownerConnection = await owner.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var otherConnection = await other.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        await ownerConnection.SubscribeAsync(Bars, ["AAPL"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        var changed = Bars with { Subscribe = """{"action":"subscribe","bars":[{topics}],"extra":true}""" };

        var refused = await Assert.ThrowsAsync<WebsocketProxyException>(async () => await otherConnection.SubscribeAsync(changed, ["MSFT"]));
        var again = await Assert.ThrowsAsync<WebsocketProxyException>(async () => await otherConnection.SubscribeAsync(changed, ["MSFT"]));

        Assert.Contains("Group 'bars' already has a different subscription template", refused.Message, StringComparison.Ordinal);
        Assert.Contains("its Subscribe differs", refused.Message, StringComparison.Ordinal);
        Assert.Equal(refused.Message, again.Message);

        // The same template is shared, another group is free, and nothing was rendered with the refused one.
        await otherConnection.SubscribeAsync(Bars, ["MSFT"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["MSFT"]}""");
        await otherConnection.SubscribeAsync(changed with { Group = "bars-extra" }, ["TSLA"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["TSLA"],"extra":true}""");
        Assert.DoesNotContain(server.Received, m => m.Contains("MSFT", StringComparison.Ordinal) && m.Contains("extra", StringComparison.Ordinal));
        Assert.True(context.ProxyRunning);
    }

    [Fact]
    public async Task RawSubscription_UnknownTemplateId_RefusedWithClearErrorAndNothingSent()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("unknown-id");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });

        var reply = await RawAsync(client, new SubscriptionCommand(9101, true, connection.Id, 42, ["AAPL"]));

        Assert.False(reply.Ok);
        Assert.Contains("Template id 42 is not registered by this client on this connection", reply.Error, StringComparison.Ordinal);
        await connection.SubscribeAsync(Bars, ["MSFT"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["MSFT"]}""");
        Assert.DoesNotContain(server.Received, m => m.Contains("AAPL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubscribeAsync_MoreTemplatesThanTheBound_RefusedClearly_OtherClientsServed()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var flooder = await context.ConnectIsolatedAsync("flooder");
        var good = await context.ConnectAsync("good");
        var flood = await flooder.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var connection = await good.OpenAsync(new ProxyConnectionOptions { Url = server.Url });

        for (var i = 0; i < RegisterTemplateCommand.MaxTemplatesPerClient; i++)
        {
            await flood.SubscribeAsync(Bars with { Group = $"g{i}" }, ["X"]);
        }

        var refused = await Assert.ThrowsAsync<WebsocketProxyException>(async () => await flood.SubscribeAsync(Bars with { Group = "one-too-many" }, ["X"]));

        Assert.Contains($"registered {RegisterTemplateCommand.MaxTemplatesPerClient} templates", refused.Message, StringComparison.Ordinal);
        await flood.SubscribeAsync(Bars with { Group = "g0" }, ["Y"]);
        await connection.SubscribeAsync(Bars with { Group = "one-too-many" }, ["Z"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["Z"]}""");
    }

    [Fact]
    public async Task Recovery_NewProxy_TemplatesRegisteredAgain_SubscriptionsRestoredAndGroupsStillGuarded()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("recovering");
        var connection = await client.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var frames = new FrameCollector(connection);
        await connection.SubscribeAsync(Bars, ["AAPL"]);
        await connection.SubscribeAsync(Bars with { Group = "quotes", Subscribe = """{"action":"subscribe","quotes":[{topics}]}""" }, ["MSFT"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","quotes":["MSFT"]}""");
        var firstProxy = client.ServerId;
        var before = server.Received.Count;

        using (var proxy = Process.GetProcessById((int)firstProxy))
        {
            proxy.Kill();
            await proxy.WaitForExitAsync().WaitAsync(Bound);
        }

        await frames.WaitForKindAsync(ProxyFrameKind.Reconnected);
        Assert.NotEqual(firstProxy, client.ServerId);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        await server.WaitForMessageAsync("""{"action":"subscribe","quotes":["MSFT"]}""");
        Assert.True(server.Received.Count > before);

        // The new proxy knows the restored templates: a change uses them, and the group still refuses another one.
        await connection.SubscribeAsync(Bars, ["TSLA"]);
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["TSLA"]}""");
        var other = await context.ConnectIsolatedAsync("other");
        var otherConnection = await other.OpenAsync(new ProxyConnectionOptions { Url = server.Url });
        var refused = await Assert.ThrowsAsync<WebsocketProxyException>(async () => await otherConnection.SubscribeAsync(Bars with { MaxTopicsPerMessage = 3 }, ["NVDA"]));
        Assert.Contains("Group 'bars' already has a different subscription template", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<Reply> RawAsync(WebsocketProxyClient client, Command command)
    {
        var record = new ArrayBufferWriter<byte>();
        CommandCodec.Encode(command, record);
        return await client.Registration.RequestRawAsync(command.CorrelationId, record.WrittenSpan.ToArray(), Bound);
    }
}

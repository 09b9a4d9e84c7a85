using WebsocketProxy.Ipc;
using WebsocketProxy.Tests.Shared;
namespace WebsocketProxy.Client.Tests;

/// <summary>Several real client processes sharing one real proxy process and one real upstream server.</summary>
public sealed class MultiProcessTests
{
    [Theory]
    [AllBackends]
    public async Task Open_ThreeProcessesSameUrl_OneUpstreamConnectionAndEveryoneGetsEveryFrame(IpcBackend backend)
    {
        await using var context = new ProxyTestContext(backend);
        var server = await context.StartServerAsync();
        var clients = Enumerable.Range(1, 3).Select(i => context.StartProcess($"p{i}")).ToArray();
        foreach (var client in clients)
        {
            await client.WaitForLineAsync(l => l.StartsWith("ready ", StringComparison.Ordinal));
        }

        var opened = new List<string>();
        foreach (var client in clients)
        {
            opened.Add(await client.RequestAsync($"open {server.Url}", "opened "));
        }

        Assert.Single(opened, o => o.EndsWith(" True", StringComparison.Ordinal));
        Assert.Single(opened.Select(o => o.Split(' ')[1]).Distinct());
        Assert.Equal(1, server.AcceptedCount);

        await server.BroadcastAsync("m1");
        await server.BroadcastAsync("m2");
        foreach (var client in clients)
        {
            await client.WaitForLineAsync(l => l == "data m1");
            await client.WaitForLineAsync(l => l == "data m2");
        }

        Assert.Equal(1, server.AcceptedCount);
    }

    [Fact]
    public async Task Subscribe_BatchesAcrossProcessesAndSigkill_UpstreamSeesOnlyCountTransitionsInChunks()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var a = context.StartProcess("a");
        var b = context.StartProcess("b");
        await a.RequestAsync($"open {server.Url}", "opened ");
        await b.RequestAsync($"open {server.Url}", "opened ");

        await a.RequestAsync("sub bars 10 AAPL,MSFT", "subscribed");
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["AAPL","MSFT"]}""");
        await b.RequestAsync("sub bars 10 MSFT,TSLA", "subscribed");
        await server.WaitForMessageAsync("""{"action":"subscribe","bars":["TSLA"]}""");
        await b.RequestAsync("sub quotes 2 Q1,Q2,Q3,Q4,Q5", "subscribed");
        await server.WaitForMessageAsync("""{"action":"subscribe","quotes":["Q5"]}""");

        var status = await b.RequestAsync("status", "status ");
        Assert.Contains("bars/MSFT: 2", status, StringComparison.Ordinal);
        Assert.Contains("bars/AAPL: 1", status, StringComparison.Ordinal);
        Assert.Contains("quotes/Q5: 1", status, StringComparison.Ordinal);

        a.Kill();
        await server.WaitForMessageAsync("""{"action":"unsubscribe","bars":["AAPL"]}""", TimeSpan.FromSeconds(10));
        await b.RequestAsync("unsub bars 10 MSFT,TSLA", "unsubscribed");
        await server.WaitForMessageAsync("""{"action":"unsubscribe","bars":["MSFT","TSLA"]}""");

        Assert.Equal(
            [
                """{"action":"subscribe","bars":["AAPL","MSFT"]}""",
                """{"action":"subscribe","bars":["TSLA"]}""",
                """{"action":"subscribe","quotes":["Q1","Q2"]}""",
                """{"action":"subscribe","quotes":["Q3","Q4"]}""",
                """{"action":"subscribe","quotes":["Q5"]}""",
                """{"action":"unsubscribe","bars":["AAPL"]}""",
                """{"action":"unsubscribe","bars":["MSFT","TSLA"]}""",
            ],
            server.Received.ToArray());
        Assert.Equal(1, server.AcceptedCount);
    }

    [Theory]
    [AllBackends]
    public async Task Connect_EightProcessesAtOnce_ExactlyOneProxy(IpcBackend backend)
    {
        await using var context = new ProxyTestContext(backend);
        var clients = Enumerable.Range(1, 8).Select(i => context.StartProcess($"c{i}")).ToArray();
        var ready = await Task.WhenAll(clients.Select(c => c.WaitForLineAsync(l => l.StartsWith("ready ", StringComparison.Ordinal), TimeSpan.FromSeconds(60))));
        Assert.Single(ready.Distinct());
    }

    [Theory]
    [AllBackends]
    public async Task SpawningProcessExits_ProxyKeepsServingTheOthers(IpcBackend backend)
    {
        await using var context = new ProxyTestContext(backend);
        var server = await context.StartServerAsync();
        var spawner = context.StartProcess("spawner");
        var spawnedBy = await spawner.WaitForLineAsync(l => l.StartsWith("ready ", StringComparison.Ordinal));
        var other = context.StartProcess("other");
        Assert.Equal(spawnedBy, await other.WaitForLineAsync(l => l.StartsWith("ready ", StringComparison.Ordinal)));
        await other.RequestAsync($"open {server.Url}", "opened ");

        Assert.Equal(0, await spawner.ExitAsync());

        await server.BroadcastAsync("after-spawner");
        await other.WaitForLineAsync(l => l == "data after-spawner");
        var status = await other.RequestAsync("status", "status ");
        Assert.Contains("other", status, StringComparison.Ordinal);
        Assert.DoesNotContain("spawner", status, StringComparison.Ordinal);
    }
}

using System.Collections.Concurrent;
using System.Runtime.Versioning;
using System.Text;
using WebsocketProxy.Protocol;
using WebsocketProxy.Tests.Shared;

namespace WebsocketProxy.Client.Tests;

/// <summary>Credentials the application hands the proxy stay out of shared memory, the proxy's environment, logs and status.</summary>
public sealed class SecretsTests
{
    [Fact]
    public async Task Open_PreludeAndHeadersWithSecrets_NeitherIsLeftInTheRequestRing()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var client = await context.ConnectAsync("secretive");
        var secret = "prelude-secret-" + Guid.NewGuid().ToString("N");
        var token = "header-token-" + Guid.NewGuid().ToString("N");

        await client.OpenAsync(new ProxyConnectionOptions
        {
            Url = server.Url,
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            Prelude = [$$"""{"action":"auth","key":"k","secret":"{{secret}}"}"""],
        });
        await server.WaitForMessageAsync($$"""{"action":"auth","key":"k","secret":"{{secret}}"}""");

        // The open has been answered, so the proxy has consumed the command: the ring file must not hold it any more.
        var ring = await File.ReadAllBytesAsync(ProxyNames.ClientRequests(context.Instance, client.Registration.ClientId));
        Assert.Equal(-1, ring.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        Assert.Equal(-1, ring.AsSpan().IndexOf(Encoding.UTF8.GetBytes(token)));
    }

    [PlatformFact(TestPlatforms.Linux, "reads the proxy's environment in /proc")]
    [SupportedOSPlatform("linux")]
    public async Task Connect_SecretInTheApplicationsEnvironment_TheSpawnedProxyDoesNotInheritIt()
    {
        const string Variable = "APCA_API_SECRET_KEY";
        var secret = "env-secret-" + Guid.NewGuid().ToString("N");
        var before = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, secret);
        try
        {
            await using var context = new ProxyTestContext();
            var client = await context.ConnectAsync("environment");

            var environment = Encoding.UTF8.GetString(await ProcFs.ReadAsync((int)client.ServerId, "environ")).Split('\0');
            Assert.Contains(environment, entry => entry.StartsWith("PATH=", StringComparison.Ordinal));
            Assert.DoesNotContain(environment, entry => entry.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(environment, entry => entry.StartsWith(Variable + "=", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, before);
        }
    }

    [Fact]
    public async Task Open_UrlWithUserInfo_StatusAndBothLogsLeaveItOut()
    {
        await using var context = new ProxyTestContext();
        var server = await context.StartServerAsync();
        var clientLog = new ConcurrentQueue<string>();
        var client = await WebsocketProxyClient.ConnectAsync(context.ClientOptions("userinfo") with { Callback = new LogCollector(clientLog) });
        await using var owned = client;
        var password = "url-password-" + Guid.NewGuid().ToString("N");
        var url = new UriBuilder(server.Url) { UserName = "trader", Password = password, Query = "token=" + password }.Uri;

        await client.OpenAsync(new ProxyConnectionOptions { Url = url });
        var status = await client.GetStatusAsync();

        Assert.Contains($"{server.Url.Host}:{server.Url.Port}{server.Url.AbsolutePath}", status, StringComparison.Ordinal);
        Assert.DoesNotContain(password, status, StringComparison.Ordinal);
        Assert.DoesNotContain("trader", status, StringComparison.Ordinal);
        Assert.Contains(clientLog, line => line.Contains("opened", StringComparison.Ordinal));
        Assert.DoesNotContain(clientLog, line => line.Contains(password, StringComparison.Ordinal) || line.Contains("trader", StringComparison.Ordinal));
        Assert.Contains("opened connection", context.ProxyLog, StringComparison.Ordinal);
        Assert.DoesNotContain(password, context.ProxyLog, StringComparison.Ordinal);
        Assert.DoesNotContain("trader", context.ProxyLog, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NotAWebSocketUrlWithUserInfo_TheErrorLeavesTheUserInfoOut()
    {
        var options = new ProxyConnectionOptions { Url = new Uri("https://trader:hunter2@example.com/stream?token=abc") };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("'https://example.com/stream' is not a ws:// or wss:// URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", error.Message, StringComparison.Ordinal);
    }

    private sealed class LogCollector(ConcurrentQueue<string> lines) : IWebsocketProxyCallback
    {
        public void OnLog(Microsoft.Extensions.Logging.LogLevel level, string message) => lines.Enqueue(message);
    }
}

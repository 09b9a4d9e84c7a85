using WebsocketProxy.Client.Internal;

namespace WebsocketProxy.Client.Tests.Internal;

/// <summary>The allow-list the proxy's environment is built from (the spawned process itself: SecretsTests).</summary>
public sealed class ProxyLauncherEnvironmentTests
{
    [Theory]
    [InlineData("APCA_API_SECRET_KEY")]
    [InlineData("APCA_API_KEY_ID")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("DATABASE_URL")]
    [InlineData("path")]
    [InlineData("XDOTNET_ROOT")]
    public void IsInherited_SecretsAndAnythingUnlisted_AreLeftOut(string name) => Assert.False(ProxyLauncher.IsInherited(name, ignoreCase: false));

    [Theory]
    [InlineData("PATH")]
    [InlineData("HOME")]
    [InlineData("XDG_RUNTIME_DIR")]
    [InlineData("TMPDIR")]
    [InlineData("DOTNET_ROOT")]
    [InlineData("DOTNET_gcServer")]
    [InlineData("LC_ALL")]
    [InlineData("HTTPS_PROXY")]
    [InlineData("no_proxy")]
    [InlineData("SSL_CERT_DIR")]
    [InlineData("WEBSOCKET_PROXY_PATH")]
    public void IsInherited_WhatTheProxyNeedsToRunAndReachTheUpstream_IsKept(string name) => Assert.True(ProxyLauncher.IsInherited(name, ignoreCase: false));

    // Windows spells the search path "Path" and compares environment names without case; without SystemRoot, Winsock
    // (so every socket) fails, and without ProgramFiles the apphost may not find the .NET installation.
    [Theory]
    [InlineData("Path")]
    [InlineData("SYSTEMROOT")]
    [InlineData("SystemRoot")]
    [InlineData("ProgramFiles")]
    [InlineData("LocalAppData")]
    [InlineData("dotnet_root")]
    public void IsInherited_WindowsNamesInAnyCase_AreKept(string name) => Assert.True(ProxyLauncher.IsInherited(name, ignoreCase: true));

    [Theory]
    [InlineData("apca_api_secret_key")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("Paths")]
    public void IsInherited_WindowsSecretsInAnyCase_AreLeftOut(string name) => Assert.False(ProxyLauncher.IsInherited(name, ignoreCase: true));

    [Fact]
    public void CreateStartInfo_AnyPlatform_StartsWithoutAConsoleWindowDetachedAndWithTheScrubbedEnvironment()
    {
        var options = WebsocketProxyClientOptions.Default with { Instance = "launcher-start-info" };

        var start = ProxyLauncher.CreateStartInfo("websocket-proxy", [], options);

        // On Windows the console of its own is what keeps the starter's Ctrl-C away; elsewhere --detach (setsid) does.
        Assert.True(start.CreateNoWindow);
        Assert.False(start.UseShellExecute);
        Assert.True(start.RedirectStandardInput && start.RedirectStandardOutput && start.RedirectStandardError);
        Assert.Contains("--detach", start.ArgumentList);
        Assert.Equal(["run", "--instance", "launcher-start-info"], start.ArgumentList.Take(3));
        Assert.All(start.Environment.Keys, name => Assert.True(ProxyLauncher.IsInherited(name), name));
    }
}

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
    public void IsInherited_SecretsAndAnythingUnlisted_AreLeftOut(string name) => Assert.False(ProxyLauncher.IsInherited(name));

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
    public void IsInherited_WhatTheProxyNeedsToRunAndReachTheUpstream_IsKept(string name) => Assert.True(ProxyLauncher.IsInherited(name));
}

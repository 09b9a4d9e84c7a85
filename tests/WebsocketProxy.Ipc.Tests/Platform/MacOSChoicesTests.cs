using WebsocketProxy.Ipc.Platform.MacOS;

namespace WebsocketProxy.Ipc.Tests.Platform;

/// <summary>The macOS back-end's directory and wait rules, checked here because macOS is not (the calls are: CI on macos-latest).</summary>
public sealed class MacOSChoicesTests
{
    [Fact]
    public void For_UserTemporaryDirectory_APerUidDirectoryInIt()
    {
        Assert.Equal("/var/folders/zz/abc/T/wsproxy-501", MacOSDirectory.For("/var/folders/zz/abc/T/", 501));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("relative/T")]
    public void For_UnknownTemporaryDirectory_Tmp(string? temporary) =>
        Assert.Equal("/tmp/wsproxy-501", MacOSDirectory.For(temporary, 501));

    [Fact]
    public void For_TwoUsers_TwoDirectories() =>
        Assert.NotEqual(MacOSDirectory.For(null, 501), MacOSDirectory.For(null, 502));

    [Theory]
    [InlineData(true, WaitStrategyKind.Auto, "OsSync")]
    [InlineData(false, WaitStrategyKind.Auto, "Backoff")]
    [InlineData(true, WaitStrategyKind.Futex, "OsSync")]
    [InlineData(true, WaitStrategyKind.Polling, "Polling")]
    [InlineData(false, WaitStrategyKind.Polling, "Polling")]
    public void Choose_WhatTheSystemOffers_TheSleeper(bool osSync, WaitStrategyKind kind, string expected) =>
        Assert.Equal(expected, MacOSWaitChoice.Choose(osSync, kind).ToString());

    [Fact]
    public void Choose_KernelWaitBeforeMacOS144_PlatformNotSupportedSayingWhy()
    {
        var error = Assert.Throws<PlatformNotSupportedException>(() => MacOSWaitChoice.Choose(osSyncAvailable: false, WaitStrategyKind.Futex));

        Assert.Contains("14.4", error.Message, StringComparison.Ordinal);
    }
}

namespace WebsocketProxy.Client.Tests;

/// <summary>The reconnect, refusal and keep-alive options are checked before anything is sent.</summary>
public sealed class ProxyConnectionOptionsTests
{
    private static readonly ProxyConnectionOptions Valid = new() { Url = new Uri("ws://127.0.0.1/") };

    public static TheoryData<string, ProxyConnectionOptions> Invalid => new()
    {
        { "MaxRefusals", Valid with { MaxRefusals = -1 } },
        { "RetryAfterDropWindow", Valid with { RetryAfterDropWindow = TimeSpan.FromSeconds(-1) } },
        { "StableSessionThreshold", Valid with { StableSessionThreshold = TimeSpan.FromSeconds(-1) } },
        { "KeepAliveTimeout", Valid with { KeepAliveTimeout = TimeSpan.FromSeconds(-1) } },
        { "KeepAliveTimeout", Valid with { KeepAliveInterval = TimeSpan.Zero, KeepAliveTimeout = TimeSpan.FromSeconds(5) } },
        { "empty marker", Valid with { RefusalMarker = string.Empty } },
        { "empty marker", Valid with { RetryAfterDropMarkers = [string.Empty] } },
        { "empty marker", Valid with { FatalMarkers = [string.Empty] } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidReconnectOrKeepAliveOption_ClearArgumentException(string names, ProxyConnectionOptions options)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(names, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_DetectDeadLinksAndWaitOutRefusalsForThreeMinutes()
    {
        Valid.Validate();

        Assert.Equal(TimeSpan.FromSeconds(10), Valid.KeepAliveInterval);
        Assert.Equal(TimeSpan.FromSeconds(10), Valid.KeepAliveTimeout);
        Assert.True(Valid.RetryAfterDropWindow >= TimeSpan.FromMinutes(3));
        Assert.Equal(TimeSpan.FromSeconds(30), Valid.StableSessionThreshold);
        Assert.Equal(TimeSpan.Zero, Valid.StaleDataTimeout);
    }

    [Fact]
    public void Validate_KeepAliveOff_Accepted() =>
        (Valid with { KeepAliveInterval = TimeSpan.Zero, KeepAliveTimeout = TimeSpan.Zero }).Validate();
}

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
        { "must not hold null", Valid with { FatalMarkers = [null!] } },
        { "Message format 5", Valid with { MessageFormat = (ProxyMessageFormat)5 } },
        { "Prelude message 2 cannot be sent as MessagePack", Valid with { MessageFormat = ProxyMessageFormat.MessagePack, Prelude = ["{}", "not json"] } },
    };

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void FrameMarker_EmptyText_ClearArgumentExceptionSayingItWouldMatchEverything(string? text)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Valid with { RefusalMarker = text! });

        Assert.True(text is null || error.Message.Contains("match every message", StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void FrameMarker_EmptyOrOversizedBytes_ClearArgumentException()
    {
        Assert.Contains("match every message", Assert.Throws<ArgumentException>(() => FrameMarker.FromBytes([])).Message, StringComparison.Ordinal);
        Assert.Contains("at most 4096 bytes", Assert.Throws<ArgumentException>(() => FrameMarker.FromBytes(new byte[4097])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FrameMarker_TextAndBytes_EqualByBytesAndReadable()
    {
        Assert.Equal(FrameMarker.FromText("ok"), FrameMarker.FromBytes("ok"u8));
        Assert.Equal("ok", FrameMarker.FromText("ok").ToString());
        Assert.Equal("0xA3", FrameMarker.FromBytes([0xa3]).ToString());
    }

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

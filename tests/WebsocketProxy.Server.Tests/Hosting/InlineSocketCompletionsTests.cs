using WebsocketProxy.Server.Hosting;

namespace WebsocketProxy.Server.Tests.Hosting;

/// <summary>
/// The proxy turns on the runtime's inline socket completions for itself (one thread-pool hop less per upstream
/// message) unless the user chose otherwise. The proxy-process tests run every upstream path with it on.
/// </summary>
public sealed class InlineSocketCompletionsTests
{
    [Fact]
    public void ValueFor_UnsetOnLinux_TurnsItOn() => Assert.Equal("1", InlineSocketCompletions.ValueFor(null, isLinux: true));

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("")]
    public void ValueFor_SetByTheUser_LeavesTheirChoice(string chosen) => Assert.Null(InlineSocketCompletions.ValueFor(chosen, isLinux: true));

    [Fact]
    public void ValueFor_NotLinux_LeavesItOff() => Assert.Null(InlineSocketCompletions.ValueFor(null, isLinux: false));

    [Fact]
    public void Variable_IsTheRuntimeSwitch() => Assert.Equal("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", InlineSocketCompletions.Variable);
}

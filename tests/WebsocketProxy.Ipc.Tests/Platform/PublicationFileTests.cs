using WebsocketProxy.Ipc.Platform.Windows;

namespace WebsocketProxy.Ipc.Tests.Platform;

/// <summary>The file that publishes a Windows section: written by the back-end, read strictly (any program of the user can write it).</summary>
public sealed class PublicationFileTests
{
    private const string Section = @"Local\wsproxy-S-1-5-21-1-2-3-1013-00ff";

    [Fact]
    public void Parse_WhatFormatWrote_TheSameSectionLengthAndSession()
    {
        var text = PublicationFile.Format(new(Section, 8 << 20, 2));

        Assert.Equal(new PublicationFile.Publication(Section, 8L << 20, 2), PublicationFile.Parse(text, "ring"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("section=Local\\wsproxy-x\nlength=4096\n")]
    [InlineData("section=Global\\wsproxy-x\nlength=4096\nsession=1\n")]
    [InlineData("section=Local\\other\nlength=4096\nsession=1\n")]
    [InlineData("section=Local\\wsproxy-x\nlength=0\nsession=1\n")]
    [InlineData("section=Local\\wsproxy-x\nlength=-4096\nsession=1\n")]
    [InlineData("section=Local\\wsproxy-x\nlength=4096\nsession=-1\n")]
    [InlineData("section=Local\\wsproxy-x\nlength=4096\nsession=1\nextra=1\n")]
    [InlineData("length=4096\nsection=Local\\wsproxy-x\nsession=1\n")]
    public void Parse_AnythingElse_InvalidDataNamingTheFile(string text)
    {
        var error = Assert.Throws<InvalidDataException>(() => PublicationFile.Parse(text, "the-ring-file"));

        Assert.Contains("the-ring-file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WindowsLineEndings_Accepted() =>
        Assert.Equal(new PublicationFile.Publication(Section, 4096L, 0), PublicationFile.Parse($"section={Section}\r\nlength=4096\r\nsession=0\r\n", "ring"));
}

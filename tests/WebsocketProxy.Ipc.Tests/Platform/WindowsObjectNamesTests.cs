using WebsocketProxy.Ipc.Platform.Windows;

namespace WebsocketProxy.Ipc.Tests.Platform;

/// <summary>The Windows back-end's names and security descriptor, checked here because Windows is not (the objects are: CI on windows-latest).</summary>
public sealed class WindowsObjectNamesTests
{
    private const string User = "S-1-5-21-3623811015-3361044348-30300820-1013";
    private const string Other = "S-1-5-21-3623811015-3361044348-30300820-1014";

    [Fact]
    public void Section_UserAndId_LocalNamespaceStartingWithTheSid()
    {
        Assert.Equal(@"Local\wsproxy-S-1-5-21-3623811015-3361044348-30300820-1013-0123456789abcdef", WindowsObjectNames.Section(User, "0123456789abcdef"));
    }

    [Fact]
    public void Section_TwoUsersSameId_NeverTheSameName()
    {
        Assert.NotEqual(WindowsObjectNames.Section(User, "ab"), WindowsObjectNames.Section(Other, "ab"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData(@"ab\cd")]
    [InlineData("0123456789abcdef0123456789abcdef0")]
    public void Section_IdNotOneTo32HexDigits_Throws(string id) =>
        Assert.Throws<ArgumentException>(() => WindowsObjectNames.Section(User, id));

    [Theory]
    [InlineData("")]
    [InlineData("1013")]
    [InlineData("S-1")]
    [InlineData("S-2-5-21")]
    [InlineData("S-1-5-21-x")]
    [InlineData(@"S-1-5-21-1\..\Global")]
    [InlineData("S-1-5--21")]
    [InlineData("S-1-281474976710656-1")]
    public void Section_NotASid_Throws(string sid) =>
        Assert.Throws<ArgumentException>(() => WindowsObjectNames.Section(sid, "ab"));

    [Theory]
    [InlineData("S-1-5-18")]
    [InlineData("S-1-5-21-3623811015-3361044348-30300820-1013")]
    [InlineData("S-1-5-32-544")]
    [InlineData("S-1-12-1-1234567890-1234567890-1234567890-1234567890")]
    public void IsSid_WellFormedSids_True(string sid) => Assert.True(WindowsObjectNames.IsSid(sid));

    [Fact]
    public void WakeSemaphore_TwoWordsOfOneSection_TwoNamesAfterTheSection()
    {
        var section = WindowsObjectNames.Section(User, "ab");

        var data = WindowsObjectNames.WakeSemaphore(section, 384);
        var space = WindowsObjectNames.WakeSemaphore(section, 512);

        Assert.Equal(section + "-w384", data);
        Assert.NotEqual(data, space);
    }

    [Fact]
    public void WakeSemaphore_NameOfAnotherProgram_Throws() =>
        Assert.Throws<ArgumentException>(() => WindowsObjectNames.WakeSemaphore(@"Local\other-program", 0));

    [Fact]
    public void WakeSemaphore_LongestSectionAndOffset_WithinMaxPath()
    {
        // 15 sub-authorities of 10 digits: the longest SID there is.
        var longestSid = "S-1-281474976710655" + string.Concat(Enumerable.Repeat("-4294967295", 15));
        var section = WindowsObjectNames.Section(longestSid, new string('f', 32));

        var name = WindowsObjectNames.WakeSemaphore(section, long.MaxValue);

        Assert.True(name.Length <= WindowsObjectNames.MaxObjectNameLength, name);
    }

    [Fact]
    public void SecurityDescriptor_User_OwnedByTheUserWithAProtectedDaclGrantingOnlyThem()
    {
        var sddl = WindowsObjectNames.SecurityDescriptor(User);

        Assert.Equal($"O:{User}D:P(A;;GA;;;{User})", sddl);

        // One access entry, for the user: no Everyone (WD), SYSTEM (SY), Administrators (BA) or inheritance.
        Assert.Single(sddl.Split('(').Skip(1));
        Assert.DoesNotContain(";WD)", sddl, StringComparison.Ordinal);
    }

    [Fact]
    public void SecurityDescriptor_NotASid_Throws() =>
        Assert.Throws<ArgumentException>(() => WindowsObjectNames.SecurityDescriptor("D:(A;;GA;;;WD)"));
}

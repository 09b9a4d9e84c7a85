using WebsocketProxy.Client.Internal;

namespace WebsocketProxy.Client.Tests.Internal;

/// <summary>Telling a user's private group from a shared one, from passwd and group files written by the test.</summary>
public sealed class UserPrivateGroupTests : IDisposable
{
    private const string Alice = "alice:x:1000:1000:Alice:/home/alice:/bin/bash";
    private readonly string _folder = Directory.CreateTempSubdirectory("wsp-upg-").FullName;

    [Theory]
    [InlineData("alice:x:1000:")]
    [InlineData("alice:x:1000:alice")]
    public void IsPrivate_GroupNamedAfterTheUserHoldingOnlyThem_IsPrivate(string group) =>
        Assert.True(IsPrivate(1000, [Alice], ["root:x:0:", group]));

    [Fact]
    public void IsPrivate_AnotherMember_IsShared() =>
        Assert.False(IsPrivate(1000, [Alice, "bob:x:1001:1001::/home/bob:/bin/sh"], ["alice:x:1000:alice,bob"]));

    [Fact]
    public void IsPrivate_AnotherAccountsPrimaryGroup_IsShared() =>
        Assert.False(IsPrivate(1000, [Alice, "svc:x:998:1000::/:/usr/sbin/nologin"], ["alice:x:1000:"]));

    [Fact]
    public void IsPrivate_GroupNotNamedAfterTheUser_IsShared() =>
        Assert.False(IsPrivate(100, ["alice:x:1000:100::/home/alice:/bin/bash"], ["users:x:100:"]));

    [Fact]
    public void IsPrivate_NotTheUsersPrimaryGroup_IsShared() =>
        Assert.False(IsPrivate(1000, ["alice:x:1000:100::/home/alice:/bin/bash"], ["alice:x:1000:"]));

    [Fact]
    public void IsPrivate_GroupOrUserUnknownToTheFiles_IsShared()
    {
        Assert.False(IsPrivate(1000, [Alice], ["root:x:0:"]));
        Assert.False(IsPrivate(1000, ["bob:x:1001:1001::/home/bob:/bin/sh"], ["alice:x:1000:"]));
        Assert.False(UserPrivateGroup.IsPrivate(1000, 1000, Path.Combine(_folder, "missing-passwd"), Path.Combine(_folder, "missing-group")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private bool IsPrivate(uint gid, string[] passwd, string[] group)
    {
        var passwdFile = Path.Combine(_folder, "passwd");
        var groupFile = Path.Combine(_folder, "group");
        File.WriteAllLines(passwdFile, passwd);
        File.WriteAllLines(groupFile, group);
        return UserPrivateGroup.IsPrivate(gid, 1000, passwdFile, groupFile);
    }
}

namespace WebsocketProxy.Packaging.Tests;

/// <summary>One pack for every test here; the tests run one after another (each builds or installs on 2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}

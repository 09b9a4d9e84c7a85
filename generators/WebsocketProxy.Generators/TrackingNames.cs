namespace WebsocketProxy.Generators;

/// <summary>Names of the pipeline steps, for incrementality tests.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Specs = nameof(Specs);
    public const string Diagnostics = nameof(Diagnostics);
    public const string StrayChannels = nameof(StrayChannels);
    public const string Facades = nameof(Facades);
}

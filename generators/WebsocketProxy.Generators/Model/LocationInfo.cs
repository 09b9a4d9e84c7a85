using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace WebsocketProxy.Generators.Model;

/// <summary>A source location as plain data: a <see cref="Location"/> would hold the syntax tree and break caching.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location)
        => location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}

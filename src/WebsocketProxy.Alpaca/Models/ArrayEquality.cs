using System.Collections.Immutable;

namespace WebsocketProxy.Alpaca.Models;

/// <summary>Element-wise equality for the arrays in models, so that records compare by value.</summary>
internal static class ArrayEquality
{
    public static bool Equal<T>(ImmutableArray<T> left, ImmutableArray<T> right) =>
        left.AsSpan().SequenceEqual(right.AsSpan());

    public static int Hash<T>(ImmutableArray<T> array)
    {
        var hash = default(HashCode);
        foreach (var item in array.AsSpan())
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}

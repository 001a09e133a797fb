namespace Fargo.Deploy;

internal static class ListExtensions
{
    /// <summary>The first item of a list that AWS may leave out or send empty; default when there is none.</summary>
    public static T? Head<T>(this IReadOnlyList<T>? list) => list is { Count: > 0 } ? list[0] : default;
}

using Amazon.CDK.Assertions;

namespace Fargo.Infrastructure.Tests.Support;

/// <summary>Short forms for the nested dictionaries and arrays the CDK assertions take.</summary>
internal static class J
{
    public static Dictionary<string, object> O(params (string Key, object Value)[] members) =>
        members.ToDictionary(member => member.Key, member => member.Value);

    public static object[] A(params object[] items) => items;

    /// <summary>An object that has at least these members.</summary>
    public static Matcher Like(params (string Key, object Value)[] members) => Match.ObjectLike(O(members));

    /// <summary>An array that contains at least these items.</summary>
    public static Matcher With(params object[] items) => Match.ArrayWith(items);
}

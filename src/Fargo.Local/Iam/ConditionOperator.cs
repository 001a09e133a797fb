namespace Fargo.Local.Iam;

/// <summary>How a condition treats a multivalued key: as one value, or ForAllValues / ForAnyValue of its set.</summary>
internal enum SetQualifier
{
    None,
    ForAllValues,
    ForAnyValue,
}

/// <summary>
/// A condition operator's name taken apart: the set qualifier, the base operator and the IfExists suffix
/// ("ForAnyValue:StringLikeIfExists"). <see cref="Comparison"/> is null for a base operator the evaluator does not know.
/// </summary>
internal sealed record ConditionOperator(string Name, SetQualifier Set, string BaseName, bool IfExists, ValueComparison? Comparison)
{
    public bool IsKnown => Comparison is not null || IsNull;

    public bool IsNull => BaseName.Equals("Null", StringComparison.OrdinalIgnoreCase);

    public static ConditionOperator Parse(string name)
    {
        var set = SetQualifier.None;
        var rest = name;
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var qualifier = name[..colon];
            rest = name[(colon + 1)..];
            set = qualifier.Equals("ForAllValues", StringComparison.OrdinalIgnoreCase) ? SetQualifier.ForAllValues
                : qualifier.Equals("ForAnyValue", StringComparison.OrdinalIgnoreCase) ? SetQualifier.ForAnyValue
                : SetQualifier.None;
            if (set == SetQualifier.None)
            {
                return new ConditionOperator(name, set, name, false, null);
            }
        }

        var ifExists = rest.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase);
        var baseName = ifExists ? rest[..^"IfExists".Length] : rest;
        return new ConditionOperator(name, set, baseName, ifExists, ValueComparisons.Find(baseName));
    }
}

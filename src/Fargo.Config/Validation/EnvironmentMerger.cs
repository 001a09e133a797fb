namespace Fargo.Config.Validation;

/// <summary>
/// Deep-merges an environment's overrides over the top level: tables merge key by key, at any depth, and a
/// value replaces the inherited one. One exception keeps the common case simple: scaling is either a count or
/// min/max, so an environment that sets count drops the inherited min, max and targets, and one that sets min
/// or max drops the inherited count.
/// </summary>
internal static class EnvironmentMerger
{
    private static readonly string[] AutoscalingKeys = ["min", "max", "cpu", "memory", "requests"];

    public static TableNode Merge(TableNode top, TableNode overrides)
    {
        var merged = top.Copy();
        MergeInto(merged, overrides, atTop: true);
        return merged;
    }

    private static void MergeInto(TableNode target, TableNode source, bool atTop)
    {
        foreach (var (key, node) in source.Entries)
        {
            if (atTop && key == "scaling" && node is TableNode scaling && target.Entries.GetValueOrDefault(key) is TableNode inherited)
            {
                DropOtherMode(inherited, scaling);
            }

            if (node is TableNode table && target.Entries.GetValueOrDefault(key) is TableNode existing)
            {
                MergeInto(existing, table, atTop: false);
            }
            else
            {
                target.Entries[key] = node is TableNode fresh ? fresh.Copy() : node;
            }
        }
    }

    private static void DropOtherMode(TableNode inherited, TableNode scaling)
    {
        if (scaling.Entries.ContainsKey("count"))
        {
            foreach (var key in AutoscalingKeys)
            {
                inherited.Entries.Remove(key);
            }
        }

        if (scaling.Entries.ContainsKey("min") || scaling.Entries.ContainsKey("max"))
        {
            inherited.Entries.Remove("count");
        }
    }
}

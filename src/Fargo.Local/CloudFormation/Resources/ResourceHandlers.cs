namespace Fargo.Local.CloudFormation.Resources;

/// <summary>
/// The handler of every type the local region knows: the real ones, which call the services' operations, and
/// <see cref="RecordedResourceHandler"/> for the types the local region keeps as records only (docs/cloudformation.md
/// lists which are which).
/// </summary>
internal sealed class ResourceHandlers
{
    private readonly Dictionary<string, IResourceHandler> _real = new(StringComparer.Ordinal);
    private readonly RecordedResourceHandler _recorded;

    public ResourceHandlers(string region, string account)
    {
        _recorded = new RecordedResourceHandler(region, account);
    }

    public ResourceHandlers Add(string type, IResourceHandler handler)
    {
        if (ResourceTypeCatalog.Find(type) is null)
        {
            throw new ArgumentException($"{type} is not in the resource type catalog", nameof(type));
        }

        _real[type] = handler;
        return this;
    }

    public bool IsReal(string type) => _real.ContainsKey(type);

    public IResourceHandler For(string type) =>
        _real.GetValueOrDefault(type) ?? (ResourceTypeCatalog.Find(type) is not null ? _recorded : throw new InvalidOperationException($"no handler for {type}"));
}

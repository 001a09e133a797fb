namespace Fargo.Local.Iam;

/// <summary>
/// What is being authorized: who (the caller's ARN — an assumed-role session, a user, a role), which action
/// ("ecs:RegisterTaskDefinition"), on which resource ARN ("*" for actions without resource-level permissions), and the
/// request context its conditions read.
/// </summary>
internal sealed record AuthorizationRequest(string Principal, string Action, string Resource, RequestContext Context);

/// <summary>
/// The request context: condition keys (case-insensitive names, as in AWS) with one value or a set of values. A
/// single-valued key is what AWS calls a single-valued context key; a set is a multivalued one (aws:TagKeys).
/// </summary>
internal sealed class RequestContext
{
    private readonly Dictionary<string, ContextValue> _values = new(StringComparer.OrdinalIgnoreCase);

    public static RequestContext Empty => new();

    public RequestContext With(string key, string value)
    {
        _values[key] = new ContextValue([value], IsSet: false);
        return this;
    }

    public RequestContext WithSet(string key, IEnumerable<string> values)
    {
        _values[key] = new ContextValue([.. values], IsSet: true);
        return this;
    }

    public ContextValue? Find(string key) => _values.GetValueOrDefault(key);
}

/// <summary>A context key's value(s); <see cref="IsSet"/> tells a multivalued key from a single value.</summary>
internal sealed record ContextValue(IReadOnlyList<string> Values, bool IsSet)
{
    public string? Single => IsSet ? null : Values[0];
}

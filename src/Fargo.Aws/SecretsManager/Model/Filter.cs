using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record Filter
{
    public FilterNameStringType? Key { get; init; }

    public IReadOnlyList<string>? Values { get; init; }
}

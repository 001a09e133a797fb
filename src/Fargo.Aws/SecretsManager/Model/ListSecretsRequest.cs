using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record ListSecretsRequest
{
    public bool? IncludePlannedDeletion { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }

    public IReadOnlyList<Filter>? Filters { get; init; }

    public SortOrderType? SortOrder { get; init; }
}

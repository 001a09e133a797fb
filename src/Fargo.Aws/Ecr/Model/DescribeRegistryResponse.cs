using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecr;

public sealed record DescribeRegistryResponse
{
    public string? RegistryId { get; init; }

    public ReplicationConfiguration? ReplicationConfiguration { get; init; }
}

public sealed record ReplicationConfiguration
{
    public required IReadOnlyList<ReplicationRule> Rules { get; init; }
}

public sealed record ReplicationRule
{
    public required IReadOnlyList<ReplicationDestination> Destinations { get; init; }

    public IReadOnlyList<RepositoryFilter>? RepositoryFilters { get; init; }
}

public sealed record ReplicationDestination
{
    public required string Region { get; init; }

    public required string RegistryId { get; init; }
}

public sealed record RepositoryFilter
{
    public required string Filter { get; init; }

    public required RepositoryFilterType FilterType { get; init; }
}

[JsonConverter(typeof(AwsConstantJsonConverter<RepositoryFilterType>))]
public sealed record RepositoryFilterType(string Value) : IAwsConstant<RepositoryFilterType>
{
    public static RepositoryFilterType PrefixMatch { get; } = new("PREFIX_MATCH");

    public static IReadOnlyList<RepositoryFilterType> KnownValues { get; } = [PrefixMatch];

    public static RepositoryFilterType FromWire(string value) => new(value);

    public override string ToString() => Value;
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record AwsVpcConfiguration
{
    public required IReadOnlyList<string> Subnets { get; init; }

    public IReadOnlyList<string>? SecurityGroups { get; init; }

    public AssignPublicIp? AssignPublicIp { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record RollbackTrigger
{
    public required string Arn { get; init; }

    public required string Type { get; init; }
}

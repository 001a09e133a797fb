using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record DeleteParameterRequest
{
    public required string Name { get; init; }
}

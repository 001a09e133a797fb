using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record GetParameterRequest
{
    public required string Name { get; init; }

    public bool? WithDecryption { get; init; }
}

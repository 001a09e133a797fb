using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record GetParametersRequest
{
    public required IReadOnlyList<string> Names { get; init; }

    public bool? WithDecryption { get; init; }
}

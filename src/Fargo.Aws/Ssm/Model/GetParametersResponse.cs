using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record GetParametersResponse
{
    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public IReadOnlyList<string>? InvalidParameters { get; init; }
}

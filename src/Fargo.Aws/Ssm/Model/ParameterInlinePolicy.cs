using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record ParameterInlinePolicy
{
    public string? PolicyText { get; init; }

    public string? PolicyType { get; init; }

    public string? PolicyStatus { get; init; }
}

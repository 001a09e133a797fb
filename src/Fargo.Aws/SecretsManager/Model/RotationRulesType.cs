using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record RotationRulesType
{
    public long? AutomaticallyAfterDays { get; init; }

    public string? Duration { get; init; }

    public string? ScheduleExpression { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record RollbackConfiguration
{
    public IReadOnlyList<RollbackTrigger>? RollbackTriggers { get; init; }

    public int? MonitoringTimeInMinutes { get; init; }
}

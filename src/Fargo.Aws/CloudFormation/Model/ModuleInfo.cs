using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ModuleInfo
{
    public string? TypeHierarchy { get; init; }

    public string? LogicalIdHierarchy { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record GetParameterResponse
{
    public Parameter? Parameter { get; init; }
}

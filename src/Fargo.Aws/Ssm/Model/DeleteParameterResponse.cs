using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record DeleteParameterResponse
{
}

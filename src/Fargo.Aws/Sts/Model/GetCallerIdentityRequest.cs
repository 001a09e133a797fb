using System.Text.Json.Serialization;

namespace Fargo.Aws.Sts;

public sealed record GetCallerIdentityRequest
{
}

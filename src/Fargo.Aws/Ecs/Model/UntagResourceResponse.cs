using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record UntagResourceResponse
{
}

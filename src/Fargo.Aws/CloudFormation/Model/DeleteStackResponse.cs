using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record DeleteStackResponse
{
}

namespace Fargo.Aws.Ecr;

public sealed record TagResourceResponse
{
}

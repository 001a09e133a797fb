namespace Fargo.Aws.Ecr;

public sealed record DescribeRegistryRequest
{
}

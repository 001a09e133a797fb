using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record DescribeImagesFilter
{
    public TagStatus? TagStatus { get; init; }
}

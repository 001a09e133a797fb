using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record PutImageResponse
{
    public Image? Image { get; init; }
}

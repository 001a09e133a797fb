using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecr;

[JsonConverter(typeof(AwsConstantJsonConverter<ImageFailureCode>))]
public sealed record ImageFailureCode(string Value) : IAwsConstant<ImageFailureCode>
{
    public static ImageFailureCode InvalidImageDigest { get; } = new("InvalidImageDigest");
    public static ImageFailureCode InvalidImageTag { get; } = new("InvalidImageTag");
    public static ImageFailureCode ImageTagDoesNotMatchDigest { get; } = new("ImageTagDoesNotMatchDigest");
    public static ImageFailureCode ImageNotFound { get; } = new("ImageNotFound");
    public static ImageFailureCode MissingDigestAndTag { get; } = new("MissingDigestAndTag");
    public static ImageFailureCode ImageReferencedByManifestList { get; } = new("ImageReferencedByManifestList");
    public static ImageFailureCode KmsError { get; } = new("KmsError");

    public static IReadOnlyList<ImageFailureCode> KnownValues { get; } = [InvalidImageDigest, InvalidImageTag, ImageTagDoesNotMatchDigest, ImageNotFound, MissingDigestAndTag, ImageReferencedByManifestList, KmsError];

    public static ImageFailureCode FromWire(string value) => new(value);

    public override string ToString() => Value;
}

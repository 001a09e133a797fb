using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Local.CertificateManager.Wire;

/// <summary>ACM's awsJson1_1 wire: member names as in the model, absent members omitted, timestamps as epoch seconds.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsJsonConverter)])]
[JsonSerializable(typeof(RequestCertificateRequest))]
[JsonSerializable(typeof(RequestCertificateResponse))]
[JsonSerializable(typeof(CertificateArnRequest))]
[JsonSerializable(typeof(CertificateTagsRequest))]
[JsonSerializable(typeof(AcmEmptyResponse))]
[JsonSerializable(typeof(DescribeCertificateResponse))]
[JsonSerializable(typeof(GetCertificateResponse))]
[JsonSerializable(typeof(ListCertificatesRequest))]
[JsonSerializable(typeof(ListCertificatesResponse))]
[JsonSerializable(typeof(ListTagsForCertificateResponse))]
internal sealed partial class CertificateManagerJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Sts;

/// <summary>
/// Shape metadata for STS's awsQuery wire. The JSON property names are the model's member names;
/// <see cref="AwsQuerySerializer"/> and <see cref="AwsXmlShapeSerializer"/> walk this metadata to write Query
/// parameters and read XML results, so the records carry no protocol code of their own.
/// Timestamps stay ISO 8601, as in the XML.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetCallerIdentityRequest))]
[JsonSerializable(typeof(GetCallerIdentityResponse))]
public sealed partial class StsJsonContext : JsonSerializerContext;

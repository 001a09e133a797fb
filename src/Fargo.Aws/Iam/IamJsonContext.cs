using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Iam;

/// <summary>
/// Shape metadata for IAM's awsQuery wire. The JSON property names are the model's member names;
/// <see cref="AwsQuerySerializer"/> and <see cref="AwsXmlShapeSerializer"/> walk this metadata to write Query
/// parameters and read XML results, so the records carry no protocol code of their own.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SimulatePrincipalPolicyRequest))]
[JsonSerializable(typeof(SimulatePrincipalPolicyResponse))]
public sealed partial class IamJsonContext : JsonSerializerContext;

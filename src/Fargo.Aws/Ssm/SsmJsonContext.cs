using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ssm;

/// <summary>
/// System.Text.Json metadata for SSM's awsJson1_1 wire: member names exactly as in the model
/// (PascalCase), absent members omitted, timestamps as epoch seconds.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsJsonConverter)])]
[JsonSerializable(typeof(PutParameterRequest))]
[JsonSerializable(typeof(PutParameterResponse))]
[JsonSerializable(typeof(GetParameterRequest))]
[JsonSerializable(typeof(GetParameterResponse))]
[JsonSerializable(typeof(GetParametersRequest))]
[JsonSerializable(typeof(GetParametersResponse))]
[JsonSerializable(typeof(GetParametersByPathRequest))]
[JsonSerializable(typeof(GetParametersByPathResponse))]
[JsonSerializable(typeof(DeleteParameterRequest))]
[JsonSerializable(typeof(DeleteParameterResponse))]
[JsonSerializable(typeof(DescribeParametersRequest))]
[JsonSerializable(typeof(DescribeParametersResponse))]
public sealed partial class SsmJsonContext : JsonSerializerContext;

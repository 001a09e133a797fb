using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ApplicationAutoScaling;

[JsonConverter(typeof(AwsConstantJsonConverter<ServiceNamespace>))]
public sealed record ServiceNamespace(string Value) : IAwsConstant<ServiceNamespace>
{
    public static ServiceNamespace Ecs { get; } = new("ecs");
    public static ServiceNamespace Elasticmapreduce { get; } = new("elasticmapreduce");
    public static ServiceNamespace Ec2 { get; } = new("ec2");
    public static ServiceNamespace Appstream { get; } = new("appstream");
    public static ServiceNamespace Dynamodb { get; } = new("dynamodb");
    public static ServiceNamespace Rds { get; } = new("rds");
    public static ServiceNamespace Sagemaker { get; } = new("sagemaker");
    public static ServiceNamespace CustomResource { get; } = new("custom-resource");
    public static ServiceNamespace Comprehend { get; } = new("comprehend");
    public static ServiceNamespace Lambda { get; } = new("lambda");
    public static ServiceNamespace Cassandra { get; } = new("cassandra");
    public static ServiceNamespace Kafka { get; } = new("kafka");
    public static ServiceNamespace Elasticache { get; } = new("elasticache");
    public static ServiceNamespace Neptune { get; } = new("neptune");

    public static IReadOnlyList<ServiceNamespace> KnownValues { get; } = [Ecs, Elasticmapreduce, Ec2, Appstream, Dynamodb, Rds, Sagemaker, CustomResource, Comprehend, Lambda, Cassandra, Kafka, Elasticache, Neptune];

    public static ServiceNamespace FromWire(string value) => new(value);

    public override string ToString() => Value;
}

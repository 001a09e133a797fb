using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ApplicationAutoScaling;

[JsonConverter(typeof(AwsConstantJsonConverter<MetricType>))]
public sealed record MetricType(string Value) : IAwsConstant<MetricType>
{
    public static MetricType DynamoDBReadCapacityUtilization { get; } = new("DynamoDBReadCapacityUtilization");
    public static MetricType DynamoDBWriteCapacityUtilization { get; } = new("DynamoDBWriteCapacityUtilization");
    public static MetricType ALBRequestCountPerTarget { get; } = new("ALBRequestCountPerTarget");
    public static MetricType RDSReaderAverageCPUUtilization { get; } = new("RDSReaderAverageCPUUtilization");
    public static MetricType RDSReaderAverageDatabaseConnections { get; } = new("RDSReaderAverageDatabaseConnections");
    public static MetricType EC2SpotFleetRequestAverageCPUUtilization { get; } = new("EC2SpotFleetRequestAverageCPUUtilization");
    public static MetricType EC2SpotFleetRequestAverageNetworkIn { get; } = new("EC2SpotFleetRequestAverageNetworkIn");
    public static MetricType EC2SpotFleetRequestAverageNetworkOut { get; } = new("EC2SpotFleetRequestAverageNetworkOut");
    public static MetricType SageMakerVariantInvocationsPerInstance { get; } = new("SageMakerVariantInvocationsPerInstance");
    public static MetricType ECSServiceAverageCPUUtilization { get; } = new("ECSServiceAverageCPUUtilization");
    public static MetricType ECSServiceAverageMemoryUtilization { get; } = new("ECSServiceAverageMemoryUtilization");
    public static MetricType AppStreamAverageCapacityUtilization { get; } = new("AppStreamAverageCapacityUtilization");
    public static MetricType ComprehendInferenceUtilization { get; } = new("ComprehendInferenceUtilization");
    public static MetricType LambdaProvisionedConcurrencyUtilization { get; } = new("LambdaProvisionedConcurrencyUtilization");
    public static MetricType CassandraReadCapacityUtilization { get; } = new("CassandraReadCapacityUtilization");
    public static MetricType CassandraWriteCapacityUtilization { get; } = new("CassandraWriteCapacityUtilization");
    public static MetricType KafkaBrokerStorageUtilization { get; } = new("KafkaBrokerStorageUtilization");
    public static MetricType ElastiCachePrimaryEngineCPUUtilization { get; } = new("ElastiCachePrimaryEngineCPUUtilization");
    public static MetricType ElastiCacheReplicaEngineCPUUtilization { get; } = new("ElastiCacheReplicaEngineCPUUtilization");
    public static MetricType ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage { get; } = new("ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage");
    public static MetricType NeptuneReaderAverageCPUUtilization { get; } = new("NeptuneReaderAverageCPUUtilization");

    public static IReadOnlyList<MetricType> KnownValues { get; } = [DynamoDBReadCapacityUtilization, DynamoDBWriteCapacityUtilization, ALBRequestCountPerTarget, RDSReaderAverageCPUUtilization, RDSReaderAverageDatabaseConnections, EC2SpotFleetRequestAverageCPUUtilization, EC2SpotFleetRequestAverageNetworkIn, EC2SpotFleetRequestAverageNetworkOut, SageMakerVariantInvocationsPerInstance, ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, AppStreamAverageCapacityUtilization, ComprehendInferenceUtilization, LambdaProvisionedConcurrencyUtilization, CassandraReadCapacityUtilization, CassandraWriteCapacityUtilization, KafkaBrokerStorageUtilization, ElastiCachePrimaryEngineCPUUtilization, ElastiCacheReplicaEngineCPUUtilization, ElastiCacheDatabaseMemoryUsageCountedForEvictPercentage, NeptuneReaderAverageCPUUtilization];

    public static MetricType FromWire(string value) => new(value);

    public override string ToString() => Value;
}

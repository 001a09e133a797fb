using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ApplicationAutoScaling;

[JsonConverter(typeof(AwsConstantJsonConverter<ScalableDimension>))]
public sealed record ScalableDimension(string Value) : IAwsConstant<ScalableDimension>
{
    public static ScalableDimension EcsServiceDesiredCount { get; } = new("ecs:service:DesiredCount");
    public static ScalableDimension Ec2SpotFleetRequestTargetCapacity { get; } = new("ec2:spot-fleet-request:TargetCapacity");
    public static ScalableDimension ElasticmapreduceInstancegroupInstanceCount { get; } = new("elasticmapreduce:instancegroup:InstanceCount");
    public static ScalableDimension AppstreamFleetDesiredCapacity { get; } = new("appstream:fleet:DesiredCapacity");
    public static ScalableDimension DynamodbTableReadCapacityUnits { get; } = new("dynamodb:table:ReadCapacityUnits");
    public static ScalableDimension DynamodbTableWriteCapacityUnits { get; } = new("dynamodb:table:WriteCapacityUnits");
    public static ScalableDimension DynamodbIndexReadCapacityUnits { get; } = new("dynamodb:index:ReadCapacityUnits");
    public static ScalableDimension DynamodbIndexWriteCapacityUnits { get; } = new("dynamodb:index:WriteCapacityUnits");
    public static ScalableDimension RdsClusterReadReplicaCount { get; } = new("rds:cluster:ReadReplicaCount");
    public static ScalableDimension SagemakerVariantDesiredInstanceCount { get; } = new("sagemaker:variant:DesiredInstanceCount");
    public static ScalableDimension CustomResourceResourceTypeProperty { get; } = new("custom-resource:ResourceType:Property");
    public static ScalableDimension ComprehendDocumentClassifierEndpointDesiredInferenceUnits { get; } = new("comprehend:document-classifier-endpoint:DesiredInferenceUnits");
    public static ScalableDimension ComprehendEntityRecognizerEndpointDesiredInferenceUnits { get; } = new("comprehend:entity-recognizer-endpoint:DesiredInferenceUnits");
    public static ScalableDimension LambdaFunctionProvisionedConcurrency { get; } = new("lambda:function:ProvisionedConcurrency");
    public static ScalableDimension CassandraTableReadCapacityUnits { get; } = new("cassandra:table:ReadCapacityUnits");
    public static ScalableDimension CassandraTableWriteCapacityUnits { get; } = new("cassandra:table:WriteCapacityUnits");
    public static ScalableDimension KafkaBrokerStorageVolumeSize { get; } = new("kafka:broker-storage:VolumeSize");
    public static ScalableDimension ElasticacheReplicationGroupNodeGroups { get; } = new("elasticache:replication-group:NodeGroups");
    public static ScalableDimension ElasticacheReplicationGroupReplicas { get; } = new("elasticache:replication-group:Replicas");
    public static ScalableDimension NeptuneClusterReadReplicaCount { get; } = new("neptune:cluster:ReadReplicaCount");

    public static IReadOnlyList<ScalableDimension> KnownValues { get; } = [EcsServiceDesiredCount, Ec2SpotFleetRequestTargetCapacity, ElasticmapreduceInstancegroupInstanceCount, AppstreamFleetDesiredCapacity, DynamodbTableReadCapacityUnits, DynamodbTableWriteCapacityUnits, DynamodbIndexReadCapacityUnits, DynamodbIndexWriteCapacityUnits, RdsClusterReadReplicaCount, SagemakerVariantDesiredInstanceCount, CustomResourceResourceTypeProperty, ComprehendDocumentClassifierEndpointDesiredInferenceUnits, ComprehendEntityRecognizerEndpointDesiredInferenceUnits, LambdaFunctionProvisionedConcurrency, CassandraTableReadCapacityUnits, CassandraTableWriteCapacityUnits, KafkaBrokerStorageVolumeSize, ElasticacheReplicationGroupNodeGroups, ElasticacheReplicationGroupReplicas, NeptuneClusterReadReplicaCount];

    public static ScalableDimension FromWire(string value) => new(value);

    public override string ToString() => Value;
}

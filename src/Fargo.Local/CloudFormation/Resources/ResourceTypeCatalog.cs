namespace Fargo.Local.CloudFormation.Resources;

/// <summary>
/// What the CloudFormation registry says about one resource type: the properties whose change replaces the
/// resource (createOnlyProperties, top level), the attributes Fn::GetAtt may name, and the primary identifier.
/// </summary>
internal sealed record ResourceTypeSchema(string Type, IReadOnlyList<string> CreateOnlyProperties, IReadOnlyList<string> Attributes, IReadOnlyList<string> PrimaryIdentifier)
{
    public bool IsCreateOnly(string property) => CreateOnlyProperties.Contains(property, StringComparer.Ordinal);

    public bool HasAttribute(string attribute) => Attributes.Contains(attribute, StringComparer.Ordinal);
}

/// <summary>
/// The resource types the local region knows, with their registry facts. The rows are generated from npm
/// <c>@aws-cdk/aws-service-spec</c> (createOnly = causesReplacement yes|maybe); the test
/// ResourceTypeCatalogTests reads the package and fails when a row drifts from it. A type missing here fails
/// template validation: "Unrecognized resource types".
/// </summary>
internal static class ResourceTypeCatalog
{
    public static IReadOnlyList<ResourceTypeSchema> All { get; } =
    [
        new("AWS::ApplicationAutoScaling::ScalableTarget", ["ResourceId", "ScalableDimension", "ServiceNamespace"], ["Id"], ["ResourceId", "ScalableDimension", "ServiceNamespace"]),
        new("AWS::ApplicationAutoScaling::ScalingPolicy", ["PolicyName", "ResourceId", "ScalableDimension", "ScalingTargetId", "ServiceNamespace"], ["Arn"], ["Arn", "ScalableDimension"]),
        new("AWS::CertificateManager::Certificate", ["CertificateAuthorityArn", "CertificateExport", "DomainName", "DomainValidationOptions", "KeyAlgorithm", "SubjectAlternativeNames", "ValidationMethod"], ["CertificateArn"], ["CertificateArn"]),
        new("AWS::CloudFront::Distribution", [], ["DomainName", "Id"], ["Id"]),
        new("AWS::CloudFront::OriginAccessControl", [], ["Id"], ["Id"]),
        new("AWS::CodeBuild::Project", ["Name"], ["Arn", "Id"], ["Id"]),
        new("AWS::CodePipeline::Pipeline", ["Name"], ["Arn", "Version"], ["Name"]),
        new("AWS::CodePipeline::Webhook", ["Name"], ["Id", "Url"], ["Id"]),
        new("AWS::EC2::EIP", ["Address", "Domain", "IpamPoolId", "NetworkBorderGroup", "TransferAddress"], ["AllocationId", "PublicIp"], ["PublicIp", "AllocationId"]),
        new("AWS::EC2::InternetGateway", [], ["InternetGatewayId"], ["InternetGatewayId"]),
        new("AWS::EC2::NatGateway", ["AllocationId", "AvailabilityMode", "ConnectivityType", "PrivateIpAddress", "SubnetId", "VpcId"], ["AutoProvisionZones", "AutoScalingIps", "EniId", "NatGatewayId", "RouteTableId"], ["NatGatewayId"]),
        new("AWS::EC2::Route", ["DestinationCidrBlock", "DestinationIpv6CidrBlock", "DestinationPrefixListId", "RouteTableId"], ["CidrBlock"], ["RouteTableId", "CidrBlock"]),
        new("AWS::EC2::RouteTable", ["VpcId"], ["RouteTableId"], ["RouteTableId"]),
        new("AWS::EC2::SecurityGroup", ["GroupDescription", "GroupName", "VpcId"], ["GroupId", "Id", "VpcId"], ["Id"]),
        new("AWS::EC2::SecurityGroupEgress", ["CidrIp", "CidrIpv6", "DestinationPrefixListId", "DestinationSecurityGroupId", "FromPort", "GroupId", "IpProtocol", "ToPort"], ["Id"], ["Id"]),
        new("AWS::EC2::SecurityGroupIngress", ["CidrIp", "CidrIpv6", "FromPort", "GroupId", "GroupName", "IpProtocol", "SourcePrefixListId", "SourceSecurityGroupId", "SourceSecurityGroupName", "SourceSecurityGroupOwnerId", "ToPort"], ["Id"], ["Id"]),
        new("AWS::EC2::Subnet", ["AvailabilityZone", "AvailabilityZoneId", "CidrBlock", "Ipv4IpamPoolId", "Ipv4NetmaskLength", "Ipv6CidrBlock", "Ipv6IpamPoolId", "Ipv6Native", "Ipv6NetmaskLength", "OutpostArn", "VpcId"], ["AvailabilityZone", "AvailabilityZoneId", "BlockPublicAccessStates", "CidrBlock", "Ipv6CidrBlocks", "NetworkAclAssociationId", "OutpostArn", "SubnetId", "VpcId"], ["SubnetId"]),
        new("AWS::EC2::SubnetRouteTableAssociation", ["RouteTableId", "SubnetId"], ["Id"], ["Id"]),
        new("AWS::EC2::VPC", ["CidrBlock", "InstanceTenancy", "Ipv4IpamPoolId", "Ipv4NetmaskLength", "VpcEncryptionControl"], ["CidrBlock", "CidrBlockAssociations", "DefaultNetworkAcl", "DefaultSecurityGroup", "Ipv6CidrBlocks", "VpcEncryptionControl.ResourceExclusions", "VpcEncryptionControl.ResourceExclusions.EgressOnlyInternetGateway", "VpcEncryptionControl.ResourceExclusions.EgressOnlyInternetGateway.State", "VpcEncryptionControl.ResourceExclusions.EgressOnlyInternetGateway.StateMessage", "VpcEncryptionControl.ResourceExclusions.ElasticFileSystem", "VpcEncryptionControl.ResourceExclusions.ElasticFileSystem.State", "VpcEncryptionControl.ResourceExclusions.ElasticFileSystem.StateMessage", "VpcEncryptionControl.ResourceExclusions.InternetGateway", "VpcEncryptionControl.ResourceExclusions.InternetGateway.State", "VpcEncryptionControl.ResourceExclusions.InternetGateway.StateMessage", "VpcEncryptionControl.ResourceExclusions.Lambda", "VpcEncryptionControl.ResourceExclusions.Lambda.State", "VpcEncryptionControl.ResourceExclusions.Lambda.StateMessage", "VpcEncryptionControl.ResourceExclusions.NatGateway", "VpcEncryptionControl.ResourceExclusions.NatGateway.State", "VpcEncryptionControl.ResourceExclusions.NatGateway.StateMessage", "VpcEncryptionControl.ResourceExclusions.VirtualPrivateGateway", "VpcEncryptionControl.ResourceExclusions.VirtualPrivateGateway.State", "VpcEncryptionControl.ResourceExclusions.VirtualPrivateGateway.StateMessage", "VpcEncryptionControl.ResourceExclusions.VpcLattice", "VpcEncryptionControl.ResourceExclusions.VpcLattice.State", "VpcEncryptionControl.ResourceExclusions.VpcLattice.StateMessage", "VpcEncryptionControl.ResourceExclusions.VpcPeering", "VpcEncryptionControl.ResourceExclusions.VpcPeering.State", "VpcEncryptionControl.ResourceExclusions.VpcPeering.StateMessage", "VpcEncryptionControl.State", "VpcEncryptionControl.StateMessage", "VpcEncryptionControl.VpcEncryptionControlId", "VpcEncryptionControl.VpcId", "VpcId"], ["VpcId"]),
        new("AWS::EC2::VPCEndpoint", ["ResourceConfigurationArn", "ServiceName", "ServiceNetworkArn", "ServiceRegion", "VpcEndpointType", "VpcId"], ["CreationTimestamp", "DnsEntries", "Id", "NetworkInterfaceIds"], ["Id"]),
        new("AWS::EC2::VPCGatewayAttachment", ["VpcId"], ["AttachmentType"], ["AttachmentType", "VpcId"]),
        new("AWS::ECR::Repository", ["EncryptionConfiguration", "RepositoryName"], ["Arn", "RepositoryUri"], ["RepositoryName"]),
        new("AWS::ECS::Cluster", ["ClusterName"], ["Arn"], ["ClusterName"]),
        new("AWS::ECS::ClusterCapacityProviderAssociations", ["Cluster"], [], ["Cluster"]),
        new("AWS::ECS::Service", ["Cluster", "DeploymentController", "LaunchType", "Role", "SchedulingStrategy", "ServiceName"], ["Name", "ServiceArn"], ["ServiceArn", "Cluster"]),
        new("AWS::ECS::TaskDefinition", ["ContainerDefinitions", "Cpu", "EnableFaultInjection", "EphemeralStorage", "ExecutionRoleArn", "Family", "InferenceAccelerators", "IpcMode", "Memory", "NetworkMode", "PidMode", "PlacementConstraints", "ProxyConfiguration", "RequiresCompatibilities", "RuntimePlatform", "TaskRoleArn", "Volumes"], ["TaskDefinitionArn"], ["TaskDefinitionArn"]),
        new("AWS::ElasticLoadBalancingV2::Listener", ["LoadBalancerArn"], ["ListenerArn"], ["ListenerArn"]),
        new("AWS::ElasticLoadBalancingV2::ListenerRule", ["ListenerArn"], ["IsDefault", "RuleArn"], ["RuleArn"]),
        new("AWS::ElasticLoadBalancingV2::LoadBalancer", ["Name", "Scheme", "Type"], ["CanonicalHostedZoneID", "DNSName", "LoadBalancerArn", "LoadBalancerFullName", "LoadBalancerName", "SecurityGroups"], ["LoadBalancerArn"]),
        new("AWS::ElasticLoadBalancingV2::TargetGroup", ["IpAddressType", "Name", "Port", "Protocol", "ProtocolVersion", "TargetType", "VpcId"], ["LoadBalancerArns", "TargetGroupArn", "TargetGroupFullName", "TargetGroupName"], ["TargetGroupArn"]),
        new("AWS::IAM::OIDCProvider", ["Url"], ["Arn"], ["Arn"]),
        new("AWS::IAM::Policy", [], ["Id"], ["Id"]),
        new("AWS::IAM::ManagedPolicy", ["Description", "ManagedPolicyName", "Path"], ["AttachmentCount", "CreateDate", "DefaultVersionId", "IsAttachable", "PermissionsBoundaryUsageCount", "PolicyArn", "PolicyId", "UpdateDate"], ["PolicyArn"]),
        new("AWS::IAM::Role", ["Path", "RoleName"], ["Arn", "RoleId"], ["RoleName"]),
        new("AWS::KMS::Key", [], ["Arn", "KeyId"], ["KeyId"]),
        new("AWS::KMS::Alias", ["AliasName"], [], ["AliasName"]),
        new("AWS::Logs::LogGroup", ["LogGroupName"], ["Arn"], ["LogGroupName"]),
        new("AWS::RDS::DBInstance", ["AutoMinorVersionUpgrade", "AvailabilityZone", "BackupRetentionPeriod", "BackupTarget", "CharacterSetName", "CustomIAMInstanceProfile", "DBClusterIdentifier", "DBClusterSnapshotIdentifier", "DBInstanceIdentifier", "DBName", "DBParameterGroupName", "DBSnapshotIdentifier", "DBSubnetGroupName", "DBSystemId", "Engine", "KmsKeyId", "MasterUsername", "MultiAZ", "NcharCharacterSetName", "PerformanceInsightsKMSKeyId", "Port", "PreferredMaintenanceWindow", "RestoreTime", "SourceDBClusterIdentifier", "SourceDBInstanceAutomatedBackupsArn", "SourceDBInstanceIdentifier", "SourceDbiResourceId", "SourceRegion", "StorageEncrypted", "StorageType", "Timezone", "UseLatestRestorableTime"], ["AutomaticRestartTime", "CertificateDetails", "CertificateDetails.CAIdentifier", "CertificateDetails.ValidTill", "DBInstanceArn", "DBInstanceStatus", "DBSystemId", "DbiResourceId", "Endpoint", "Endpoint.Address", "Endpoint.HostedZoneId", "Endpoint.Port", "InstanceCreateTime", "IsStorageConfigUpgradeAvailable", "LatestRestorableTime", "ListenerEndpoint", "ListenerEndpoint.Address", "ListenerEndpoint.HostedZoneId", "ListenerEndpoint.Port", "MasterUserSecret.SecretArn", "PercentProgress", "ReadReplicaDBClusterIdentifiers", "ReadReplicaDBInstanceIdentifiers", "ResumeFullAutomationModeTime", "SecondaryAvailabilityZone", "StatusInfos", "StorageOperationPercentProgress", "StorageOperationStatus"], ["DBInstanceIdentifier"]),
        new("AWS::RDS::DBParameterGroup", ["DBParameterGroupName", "Description", "Family"], ["DBParameterGroupArn", "DBParameterGroupName"], ["DBParameterGroupName"]),
        new("AWS::RDS::DBSubnetGroup", ["DBSubnetGroupName"], ["DBSubnetGroupArn"], ["DBSubnetGroupName"]),
        new("AWS::Route53::RecordSet", ["HostedZoneId", "HostedZoneName", "Name"], [], ["Name", "HostedZoneId", "Type", "SetIdentifier"]),
        new("AWS::S3::Bucket", ["BucketName", "BucketNamePrefix", "BucketNamespace", "ObjectLockEnabled"], ["Arn", "DomainName", "DualStackDomainName", "MetadataConfiguration.AnnotationTableConfiguration.TableArn", "MetadataConfiguration.AnnotationTableConfiguration.TableName", "MetadataConfiguration.Destination", "MetadataConfiguration.InventoryTableConfiguration.TableArn", "MetadataConfiguration.InventoryTableConfiguration.TableName", "MetadataConfiguration.JournalTableConfiguration.TableArn", "MetadataConfiguration.JournalTableConfiguration.TableName", "MetadataTableConfiguration.S3TablesDestination.TableArn", "MetadataTableConfiguration.S3TablesDestination.TableNamespace", "RegionalDomainName", "WebsiteURL"], ["BucketName"]),
        new("AWS::S3::BucketPolicy", ["Bucket"], [], ["Bucket"]),
        new("AWS::SNS::Topic", ["FifoTopic", "TopicName"], ["TopicArn", "TopicName"], ["TopicArn"]),
        new("AWS::SNS::TopicPolicy", [], ["Id"], ["Id"]),
        new("AWS::SecretsManager::Secret", ["Name"], ["Id"], ["Id"]),
        new("AWS::SecretsManager::SecretTargetAttachment", ["SecretId"], ["Id"], ["Id"]),
        new("AWS::ServiceDiscovery::PrivateDnsNamespace", ["Name", "Vpc"], ["Arn", "HostedZoneId", "Id"], ["Id"]),
        new("AWS::ServiceDiscovery::Service", ["HealthCheckCustomConfig", "Name", "NamespaceId", "Type"], ["Arn", "Id", "Name"], ["Id"]),
        new("AWS::SSM::Parameter", ["Name"], ["Arn", "Type", "Value"], ["Name"]),
        new("AWS::SNS::Subscription", ["Endpoint", "Protocol", "TopicArn"], ["Arn"], ["Arn"]),

    ];

    private static readonly Dictionary<string, ResourceTypeSchema> ByType = All.ToDictionary(s => s.Type, StringComparer.Ordinal);

    public static ResourceTypeSchema? Find(string type) => ByType.GetValueOrDefault(type);
}

using Fargo.Local.ApplicationAutoScaling;
using Fargo.Local.CloudFormation.Resources;
using Fargo.Local.CloudFormation.Resources.Handlers;
using Fargo.Local.Ecr;
using Fargo.Local.Ecs;
using Fargo.Local.LoadBalancing;
using Fargo.Local.Logs;
using Fargo.Local.SecretsManager;
using Fargo.Local.Ssm;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.CloudFormation;

/// <summary>The services CloudFormation's handlers call: each handler uses the operations its service's API dispatches to.</summary>
internal sealed record CloudFormationServices(
    EcsControlPlane Ecs,
    ElbControlPlane Elb,
    LogStore Logs,
    ImageRegistry Registry,
    ParameterStore Parameters,
    SecretStore Secrets,
    IDatabaseInstances Databases,
    IResourceHandler DatabaseInstanceHandler,
    IResourceHandler CertificateHandler,
    S3.S3Store S3,
    ScalingService Scaling,
    CloudFront.DistributionEdge CloudFront,
    Iam.IamStore Iam,
    ServiceDiscovery.CloudMapRegistry CloudMap);

/// <summary>Builds the local region's CloudFormation: its handlers for every real type, and the engine.</summary>
internal static class CloudFormationService
{
    /// <summary>How long CloudFormation waits for an ECS service or a database to become ready before it fails the resource.</summary>
    public static readonly TimeSpan DefaultStabilizationTimeout = TimeSpan.FromMinutes(10);

    public static ResourceHandlers Handlers(CloudFormationServices services, TimeProvider time, TimeSpan stabilizationTimeout, string region, string account) =>
        new ResourceHandlers(region, account)
            .Add("AWS::ECS::Cluster", new EcsClusterHandler(services.Ecs))
            .Add("AWS::ECS::ClusterCapacityProviderAssociations", new EcsCapacityProviderAssociationsHandler(services.Ecs))
            .Add("AWS::ECS::TaskDefinition", new EcsTaskDefinitionHandler(services.Ecs))
            .Add("AWS::ECS::Service", new EcsServiceHandler(services.Ecs, time, stabilizationTimeout))
            .Add("AWS::ElasticLoadBalancingV2::LoadBalancer", new LoadBalancerHandler(services.Elb))
            .Add("AWS::ElasticLoadBalancingV2::TargetGroup", new TargetGroupHandler(services.Elb))
            .Add("AWS::ElasticLoadBalancingV2::Listener", new ListenerHandler(services.Elb))
            .Add("AWS::ElasticLoadBalancingV2::ListenerRule", new ListenerRuleHandler(services.Elb))
            .Add("AWS::Logs::LogGroup", new LogGroupHandler(services.Logs, region, account))
            .Add("AWS::ECR::Repository", new RepositoryHandler(services.Registry))
            .Add("AWS::SSM::Parameter", new SsmParameterHandler(services.Parameters))
            .Add("AWS::SecretsManager::Secret", new SecretHandler(services.Secrets))
            .Add("AWS::SecretsManager::SecretTargetAttachment", new SecretTargetAttachmentHandler(services.Secrets, services.Databases))
            .Add("AWS::RDS::DBInstance", services.DatabaseInstanceHandler)
            .Add("AWS::CertificateManager::Certificate", services.CertificateHandler)
            .Add("AWS::S3::Bucket", new BucketHandler(services.S3, region))
            .Add("AWS::S3::BucketPolicy", new BucketPolicyHandler(services.S3))
            .Add("AWS::CloudFront::Distribution", new DistributionHandler(services.CloudFront, account))
            .Add("AWS::ApplicationAutoScaling::ScalableTarget", new ScalableTargetHandler(services.Scaling))
            .Add("AWS::ApplicationAutoScaling::ScalingPolicy", new ScalingPolicyHandler(services.Scaling))
            .Add("AWS::IAM::Role", new IamRoleHandler(services.Iam, account, time))
            .Add("AWS::IAM::Policy", new IamInlinePolicyHandler(services.Iam))
            .Add("AWS::IAM::ManagedPolicy", new IamManagedPolicyHandler(services.Iam, account, time))
            .Add("AWS::IAM::OIDCProvider", new IamOidcProviderHandler(services.Iam, account, time))
            .Add("AWS::ServiceDiscovery::PrivateDnsNamespace", new PrivateDnsNamespaceHandler(services.CloudMap))
            .Add("AWS::ServiceDiscovery::Service", new DiscoveryServiceHandler(services.CloudMap));

    public static CloudFormationEngine Engine(string databasePath, CloudFormationServices services, TimeProvider time, ILogger logger, TimeSpan? stabilizationTimeout = null)
    {
        var handlers = Handlers(services, time, stabilizationTimeout ?? DefaultStabilizationTimeout, LocalRegionConstants.Region, LocalRegionConstants.Account);
        var references = new DynamicReferences(services.Parameters, services.Secrets);
        return new CloudFormationEngine(new CloudFormationStore(databasePath), handlers, references.Resolve, time, logger);
    }
}

using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.ApplicationAutoScaling;
using Fargo.Aws.CloudFormation;
using Fargo.Aws.CloudWatchLogs;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Aws.Iam;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.SecretsManager;
using Fargo.Aws.Ssm;
using Fargo.Aws.Sts;

namespace Fargo.Aws.Tests.Models;

/// <summary>A service Fargo.Aws has typed shapes for, where AWS's models of it live, and the operations covered.</summary>
public sealed record ServiceUnderTest(
    string Key,
    string ModelFile,
    string BotocoreFolder,
    string ShapeNamespace,
    JsonSerializerContext Context,
    IReadOnlyList<string> Operations)
{
    public JsonTypeInfo RequestInfo(string operation) => Info(operation + "Request");

    public JsonTypeInfo ResponseInfo(string operation) => Info(operation + "Response");

    private JsonTypeInfo Info(string typeName)
    {
        var type = Context.GetType().Assembly.GetType($"{ShapeNamespace}.{typeName}")
            ?? throw new InvalidOperationException($"No type {ShapeNamespace}.{typeName}.");
        return Context.GetTypeInfo(type) ?? throw new InvalidOperationException($"{Context.GetType().Name} lacks {typeName}.");
    }
}

/// <summary>The operations issue 3 asks for, per service: the single list the model and CLI tests iterate.</summary>
public static class ServiceCatalog
{
    public static IReadOnlyList<ServiceUnderTest> All { get; } =
    [
        new("ecs", "ecs-2014-11-13", "ecs/2014-11-13", "Fargo.Aws.Ecs", EcsJsonContext.Default,
        [
            "RegisterTaskDefinition", "DescribeTaskDefinition", "ListTaskDefinitions", "DeregisterTaskDefinition",
            "CreateCluster", "DescribeClusters", "ListClusters", "DeleteCluster",
            "CreateService", "UpdateService", "DescribeServices", "ListServices", "DeleteService",
            "RunTask", "StopTask", "ListTasks", "DescribeTasks", "TagResource", "PutClusterCapacityProviders",
            "UntagResource", "ListTagsForResource", "UpdateCluster", "UpdateClusterSettings",
            "CreateCapacityProvider", "DescribeCapacityProviders", "UpdateCapacityProvider", "DeleteCapacityProvider",
        ]),
        new("elbv2", "elasticloadbalancingv2-2015-12-01", "elbv2/2015-12-01", "Fargo.Aws.ElasticLoadBalancingV2",
            ElasticLoadBalancingV2JsonContext.Default,
        [
            "CreateLoadBalancer", "DescribeLoadBalancers", "DeleteLoadBalancer",
            "CreateTargetGroup", "DescribeTargetGroups", "ModifyTargetGroupAttributes", "DescribeTargetGroupAttributes",
            "DeleteTargetGroup", "CreateListener", "DescribeListeners", "DeleteListener",
            "RegisterTargets", "DeregisterTargets", "DescribeTargetHealth",
        ]),
        new("ecr", "ecr-2015-09-21", "ecr/2015-09-21", "Fargo.Aws.Ecr", EcrJsonContext.Default,
        [
            "CreateRepository", "DescribeRepositories", "DescribeImages", "ListImages", "BatchGetImage", "PutImage",
            "BatchDeleteImage", "GetAuthorizationToken", "DeleteRepository", "PutImageTagMutability",
            "PutImageScanningConfiguration", "PutLifecyclePolicy", "GetLifecyclePolicy",
            "TagResource", "UntagResource", "ListTagsForResource", "SetRepositoryPolicy", "GetRepositoryPolicy",
            "DeleteRepositoryPolicy", "DescribeRegistry",
        ]),
        new("ssm", "ssm-2014-11-06", "ssm/2014-11-06", "Fargo.Aws.Ssm", SsmJsonContext.Default,
        [
            "PutParameter", "GetParameter", "GetParameters", "GetParametersByPath", "DeleteParameter", "DescribeParameters",
        ]),
        new("logs", "logs-2014-03-28", "logs/2014-03-28", "Fargo.Aws.CloudWatchLogs", CloudWatchLogsJsonContext.Default,
        [
            "CreateLogGroup", "DescribeLogGroups", "PutRetentionPolicy", "DescribeLogStreams", "GetLogEvents", "FilterLogEvents",
            "CreateLogStream", "PutLogEvents", "DeleteLogStream", "DeleteLogGroup", "DeleteRetentionPolicy",
            "TagResource", "UntagResource", "ListTagsForResource", "PutMetricFilter", "DescribeMetricFilters", "DeleteMetricFilter",
        ]),
        new("cloudformation", "cloudformation-2010-05-15", "cloudformation/2010-05-15", "Fargo.Aws.CloudFormation",
            CloudFormationJsonContext.Default,
        [
            "DescribeStacks", "DescribeStackEvents", "ListStackResources",
            "CreateStack", "UpdateStack", "DeleteStack", "DescribeStackResource", "DescribeStackResources",
            "GetTemplate", "GetTemplateSummary", "ValidateTemplate", "CreateChangeSet", "DescribeChangeSet",
            "ExecuteChangeSet", "DeleteChangeSet", "ListChangeSets", "ListExports", "ListImports",
        ]),
        new("secretsmanager", "secretsmanager-2017-10-17", "secretsmanager/2017-10-17", "Fargo.Aws.SecretsManager",
            SecretsManagerJsonContext.Default,
        [
            "CreateSecret", "GetSecretValue", "DescribeSecret", "PutSecretValue", "UpdateSecret", "DeleteSecret", "ListSecrets",
            "GetRandomPassword", "RestoreSecret",
        ]),
        new("sts", "sts-2011-06-15", "sts/2011-06-15", "Fargo.Aws.Sts", StsJsonContext.Default,
        [
            "GetCallerIdentity",
        ]),
        new("application-autoscaling", "application-autoscaling-2016-02-06", "application-autoscaling/2016-02-06", "Fargo.Aws.ApplicationAutoScaling",
            ApplicationAutoScalingJsonContext.Default,
        [
            "RegisterScalableTarget", "PutScalingPolicy", "DescribeScalableTargets", "DescribeScalingPolicies", "DescribeScalingActivities",
            "DeregisterScalableTarget", "DeleteScalingPolicy",
        ]),
        new("iam", "iam-2010-05-08", "iam/2010-05-08", "Fargo.Aws.Iam", IamJsonContext.Default,
        [
            "SimulatePrincipalPolicy",
        ]),
    ];

    public static ServiceUnderTest Get(string key) => All.Single(s => s.Key == key);
}

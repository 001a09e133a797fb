namespace Fargo.Infrastructure;

/// <summary>
/// The output keys of the stacks. The service stack carries everything `fargo deploy` reads, so a deploy
/// needs one DescribeStacks call on <see cref="StackNames.Service"/>.
/// </summary>
public static class StackOutputs
{
    // Service stack: what a deploy reads.
    public const string ClusterName = "ClusterName";
    public const string ServiceName = "ServiceName";
    public const string TargetGroupArn = "TargetGroupArn";
    public const string RepositoryUri = "RepositoryUri";
    public const string RepositoryName = "RepositoryName";
    public const string LogGroupName = "LogGroupName";
    public const string SecretsPath = "SecretsPath";
    public const string Url = "Url";
    public const string TaskFamily = "TaskFamily";
    public const string ContainerName = "ContainerName";
    public const string ExecutionRoleArn = "ExecutionRoleArn";
    public const string TaskRoleArn = "TaskRoleArn";

    /// <summary>Service stack: the host its listener rule matches (absent for any host) and the path prefix; the next service's deploy reads them to refuse a clash.</summary>
    public const string RouteHost = "RouteHost";
    public const string RoutePath = "RoutePath";

    // Service stack, present when the option is on.
    public const string DatabaseSecretArn = "DatabaseSecretArn";
    public const string DatabaseEndpoint = "DatabaseEndpoint";
    public const string DataBucketName = "DataBucketName";
    public const string ReportsBucketName = "ReportsBucketName";
    public const string ReportsUrl = "ReportsUrl";

    // Environment stack.
    public const string VpcId = "VpcId";
    public const string LoadBalancerDnsName = "LoadBalancerDnsName";
    public const string AccessLogsBucketName = "AccessLogsBucketName";

    /// <summary>Environment stack: its environment-wide settings (<see cref="Fargo.Config.Model.EnvironmentWideSettings"/>) as a JSON object of fargo.toml key to value.</summary>
    public const string EnvironmentSettings = "EnvironmentSettings";

    /// <summary>Environment stack: the <see cref="StackParameters.ConfiguredBy"/> it was given.</summary>
    public const string ConfiguredBy = "EnvironmentConfiguredBy";

    // Deploy-access stack (`--oidc`).
    public const string DeployRoleArn = "DeployRoleArn";
    public const string GitHubSubject = "GitHubSubject";

    /// <summary>The read role the next stage promotes from this one with; absent on the last stage.</summary>
    public const string ReadRoleArn = "ReadRoleArn";

    // Pipeline stack (`--pipeline`).
    public const string PipelineName = "PipelineName";
    public const string ArtifactsBucketName = "ArtifactsBucketName";
}

/// <summary>The CloudFormation parameters of the stacks, which `fargo infra up` passes.</summary>
public static class StackParameters
{
    /// <summary>
    /// Service stack: the image that is live (from the running service). Empty on the first deploy: the
    /// service is then created with no tasks, and the first `fargo deploy` starts it.
    /// </summary>
    public const string Image = "Image";

    /// <summary>
    /// Environment stack with a new certificate for a hosted zone given by name: the zone's id (Route 53
    /// ListHostedZonesByName), for the DNS validation records.
    /// </summary>
    public const string HostedZoneId = "HostedZoneId";

    /// <summary>Environment stack with an existing VPC: its two public subnets (one per AZ), comma-separated.</summary>
    public const string PublicSubnetIds = "PublicSubnetIds";

    /// <summary>Environment stack with an existing VPC: its two private subnets (one per AZ), comma-separated.</summary>
    public const string PrivateSubnetIds = "PrivateSubnetIds";

    /// <summary>Environment stack with an existing VPC and an internal load balancer: the VPC's CIDR block.</summary>
    public const string VpcCidr = "VpcCidr";

    /// <summary>
    /// Deploy-access stack: "true" (the default) creates GitHub's OIDC provider in the account; "false" uses the one
    /// there already (an account has one provider per issuer: the second service or environment in an account reuses
    /// the first one's). `fargo infra up --oidc --existing-oidc-provider` passes "false".
    /// </summary>
    public const string CreateOidcProvider = "CreateOidcProvider";

    /// <summary>
    /// Service stack: its listener rule's priority, within the band its route's specificity owns (the parameter's
    /// MinValue and MaxValue). Fargo allocates it from the other service stacks of the environment and keeps it across
    /// deploys; the default is the service's preferred slot, for a stack deployed on its own.
    /// </summary>
    public const string ListenerRulePriority = "ListenerRulePriority";

    /// <summary>
    /// Environment stack: the service and fargo.toml whose environment-wide settings the stack was last made with
    /// ("todo-api (/src/todo-api/fargo.toml)"). It changes no resource: it names the other file when a service's settings disagree.
    /// </summary>
    public const string ConfiguredBy = "ConfiguredBy";
}

namespace Fargo.Aws;

/// <summary>The two wire protocols of the services Fargo talks to.</summary>
public enum AwsProtocol
{
    /// <summary>awsJson1_1: POST /, X-Amz-Target "&lt;prefix&gt;.&lt;Operation&gt;", JSON body.</summary>
    Json11,

    /// <summary>awsQuery: POST / with a form body (Action, Version, parameters); XML responses.</summary>
    Query,
}

/// <summary>
/// What the wire needs to know about one AWS service, taken from the metadata of AWS's own model
/// (<c>node_modules/aws-sdk/apis/&lt;service&gt;-&lt;version&gt;.min.json</c>).
/// </summary>
/// <param name="ServiceId">The model's <c>serviceId</c>, e.g. "Elastic Load Balancing v2".</param>
/// <param name="EndpointPrefix">The model's <c>endpointPrefix</c>: the host label, e.g. "api.ecr".</param>
/// <param name="SigningName">The SigV4 scope's service name (the model's <c>signingName</c>, else the endpoint prefix).</param>
/// <param name="Protocol">The wire protocol.</param>
/// <param name="JsonTargetPrefix">The model's <c>targetPrefix</c> for JSON services, null for Query ones.</param>
/// <param name="ApiVersion">The model's <c>apiVersion</c>; the Query protocol sends it as Version.</param>
/// <param name="EndpointEnvSuffix">
/// The suffix of the service-specific endpoint variable <c>AWS_ENDPOINT_URL_&lt;suffix&gt;</c>: the service id,
/// upper-cased, spaces and hyphens turned into underscores (as AWS CLI v2 and the SDKs derive it).
/// </param>
/// <param name="XmlNamespace">The model's <c>xmlNamespace</c> for Query services (responses are in it), else null.</param>
public sealed record AwsServiceDescription(
    string ServiceId,
    string EndpointPrefix,
    string SigningName,
    AwsProtocol Protocol,
    string? JsonTargetPrefix,
    string ApiVersion,
    string EndpointEnvSuffix,
    string? XmlNamespace)
{
    /// <summary>
    /// For a global service (the model's <c>globalEndpoint</c>, e.g. IAM): its one endpoint in each partition and the region
    /// requests to it are signed for, by partition ("aws", "aws-cn", "aws-us-gov"); null for a regional service.
    /// </summary>
    public IReadOnlyDictionary<string, AwsGlobalEndpoint>? GlobalEndpoints { get; init; }

    /// <summary>The key of this service inside a shared config file's <c>[services NAME]</c> section, e.g. "elastic_load_balancing_v2".</summary>
    public string ConfigSectionKey => EndpointEnvSuffix.ToLowerInvariant();

    /// <summary>The name of the service-specific endpoint environment variable, e.g. AWS_ENDPOINT_URL_ECS.</summary>
    public string EndpointEnvironmentVariable => "AWS_ENDPOINT_URL_" + EndpointEnvSuffix;

    /// <summary>The X-Amz-Target header value for a JSON operation.</summary>
    public string JsonTarget(string operation) =>
        JsonTargetPrefix is null
            ? throw new InvalidOperationException($"{ServiceId} is not a JSON service; it has no X-Amz-Target.")
            : JsonTargetPrefix + "." + operation;
}

/// <summary>A global service's endpoint in one partition: its host and the region its SigV4 scope names.</summary>
public sealed record AwsGlobalEndpoint(string Host, string SigningRegion);

/// <summary>The services Fargo uses, as AWS's models describe them.</summary>
public static class AwsServices
{
    public static AwsServiceDescription Ecs { get; } = new(
        "ECS", "ecs", "ecs", AwsProtocol.Json11, "AmazonEC2ContainerServiceV20141113", "2014-11-13", "ECS", null);

    public static AwsServiceDescription ElasticLoadBalancingV2 { get; } = new(
        "Elastic Load Balancing v2", "elasticloadbalancing", "elasticloadbalancing", AwsProtocol.Query, null, "2015-12-01",
        "ELASTIC_LOAD_BALANCING_V2", "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/");

    public static AwsServiceDescription Ecr { get; } = new(
        "ECR", "api.ecr", "ecr", AwsProtocol.Json11, "AmazonEC2ContainerRegistry_V20150921", "2015-09-21", "ECR", null);

    public static AwsServiceDescription Ssm { get; } = new(
        "SSM", "ssm", "ssm", AwsProtocol.Json11, "AmazonSSM", "2014-11-06", "SSM", null);

    public static AwsServiceDescription CloudWatchLogs { get; } = new(
        "CloudWatch Logs", "logs", "logs", AwsProtocol.Json11, "Logs_20140328", "2014-03-28", "CLOUDWATCH_LOGS", null);

    public static AwsServiceDescription CloudFormation { get; } = new(
        "CloudFormation", "cloudformation", "cloudformation", AwsProtocol.Query, null, "2010-05-15", "CLOUDFORMATION",
        "http://cloudformation.amazonaws.com/doc/2010-05-15/");

    public static AwsServiceDescription SecretsManager { get; } = new(
        "Secrets Manager", "secretsmanager", "secretsmanager", AwsProtocol.Json11, "secretsmanager", "2017-10-17", "SECRETS_MANAGER", null);

    public static AwsServiceDescription ApplicationAutoScaling { get; } = new(
        "Application Auto Scaling", "application-autoscaling", "application-autoscaling", AwsProtocol.Json11, "AnyScaleFrontendService", "2016-02-06",
        "APPLICATION_AUTO_SCALING", null);

    public static AwsServiceDescription CertificateManager { get; } = new(
        "ACM", "acm", "acm", AwsProtocol.Json11, "CertificateManager", "2015-12-08", "ACM", null);

    public static AwsServiceDescription Sts { get; } = new(
        "STS", "sts", "sts", AwsProtocol.Query, null, "2011-06-15", "STS", "https://sts.amazonaws.com/doc/2011-06-15/");

    /// <summary>
    /// IAM: global, one endpoint per partition, each signed for its partition's home region (botocore's IAM endpoint
    /// rule set: iam.amazonaws.com for us-east-1, iam.cn-north-1.amazonaws.com.cn for cn-north-1, iam.us-gov.amazonaws.com
    /// for us-gov-west-1).
    /// </summary>
    public static AwsServiceDescription Iam { get; } = new(
        "IAM", "iam", "iam", AwsProtocol.Query, null, "2010-05-08", "IAM", "https://iam.amazonaws.com/doc/2010-05-08/")
    {
        GlobalEndpoints = new Dictionary<string, AwsGlobalEndpoint>(StringComparer.Ordinal)
        {
            ["aws"] = new("iam.amazonaws.com", "us-east-1"),
            ["aws-cn"] = new("iam.cn-north-1.amazonaws.com.cn", "cn-north-1"),
            ["aws-us-gov"] = new("iam.us-gov.amazonaws.com", "us-gov-west-1"),
        },
    };

    public static IReadOnlyList<AwsServiceDescription> All { get; } =
        [Ecs, ElasticLoadBalancingV2, Ecr, Ssm, CloudWatchLogs, CloudFormation, SecretsManager, Sts, ApplicationAutoScaling, CertificateManager, Iam];

    /// <summary>The JSON service whose X-Amz-Target prefix this is, or null.</summary>
    public static AwsServiceDescription? FindByJsonTargetPrefix(string targetPrefix) =>
        All.FirstOrDefault(s => string.Equals(s.JsonTargetPrefix, targetPrefix, StringComparison.Ordinal));

    /// <summary>The service whose SigV4 signing name this is (e.g. "ecr", "elasticloadbalancing"), or null.</summary>
    public static AwsServiceDescription? FindBySigningName(string signingName) =>
        All.FirstOrDefault(s => string.Equals(s.SigningName, signingName, StringComparison.Ordinal));
}

namespace Fargo.Deploy.Rendering;

/// <summary>
/// ARNs and registry addresses Fargo derives from an account, a region and a name. AWS's partitions
/// (China, GovCloud) change both the ARN prefix and the ECR domain, so they are derived from the region.
/// </summary>
public static class AwsNames
{
    /// <summary>The ARN partition of a region: "aws-cn" for cn-*, "aws-us-gov" for us-gov-*, else "aws".</summary>
    public static string Partition(string region) => Fargo.Config.Model.AwsPartitions.Of(region);

    /// <summary>
    /// The ARN of an SSM parameter. A hierarchical name "/a/b" becomes "parameter/a/b": the ARN joins with a
    /// slash of its own, so the name's leading slash is dropped.
    /// </summary>
    public static string SsmParameterArn(string region, string account, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(parameterName);
        return $"arn:{Partition(region)}:ssm:{region}:{account}:parameter/{parameterName.TrimStart('/')}";
    }

    /// <summary>123456789012.dkr.ecr.us-east-1.amazonaws.com/repository (".com.cn" in China).</summary>
    public static string EcrRepositoryUri(string region, string account, string repository)
    {
        var domain = Partition(region) == "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
        return $"{account}.dkr.ecr.{region}.{domain}/{repository}";
    }
}

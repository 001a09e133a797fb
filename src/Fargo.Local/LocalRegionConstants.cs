namespace Fargo.Local;

/// <summary>The fixed identity of the local region: what AWS would call the account and the region.</summary>
public static class LocalRegionConstants
{
    public const string Region = "local";
    public const string Account = "000000000000";
    public const string Partition = "aws";

    /// <summary>Default engine port; LocalStack uses 4566, so this one stays clear of it.</summary>
    public const int DefaultPort = 4599;

    /// <summary>Registry host of the local ECR: image URIs look like <c>000000000000.dkr.ecr.local.localhost/repo:tag</c>.</summary>
    public const string RegistryHost = Account + ".dkr.ecr." + Region + ".localhost";
}

namespace Fargo.Config.Schema;

/// <summary>Checks on a string value beyond its type; <see cref="ValueRules"/> implements them.</summary>
internal enum ValueRule
{
    None,
    NotEmpty,
    ServiceName,
    AccountId,
    Region,
    HealthPath,
    SuccessCodes,
    ParameterPath,
    SecretReference,
    DomainName,
    CertificateArn,
    VpcId,
    DatabaseName,
    PostgresVersion,
    InstanceClass,
    LocalBuild,
    EcsName,
    EcsClusterReference,
    RoleArn,
    GitHubRepository,
    GitBranch,
    EmailAddress,
    ConnectionArn,
    AbsolutePath,
    IamAction,
    IamResource,
    ManagedPolicyArn,
    StatementId,
}

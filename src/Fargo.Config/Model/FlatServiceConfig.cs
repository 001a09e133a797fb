namespace Fargo.Config.Model;

/// <summary>
/// The flat file of existing deploy scripts: deploy into this existing cluster and service. Secrets are
/// every parameter under "/&lt;service&gt;"; logs go to "/aws/ecs/fargate/&lt;service&gt;"; cpu 256, memory 512.
/// </summary>
public sealed record FlatServiceConfig(
    string Account,
    string Region,
    string Cluster,
    string Service,
    int Port,
    string ExecutionRoleArn,
    string TaskRoleArn);

using Fargo.Config;
using Fargo.Config.Model;

namespace Fargo.Deploy.Tests.Rendering;

/// <summary>Effective settings built by hand, for renderer tests independent of the config loader.</summary>
internal static class TestSettings
{
    public static ServiceSettings For(
        string environment = "qa",
        string? account = "111111111111",
        string? region = "eu-west-1",
        IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyDictionary<string, string>? secrets = null,
        CpuArchitecture architecture = CpuArchitecture.X86_64,
        int cpu = 512,
        int memory = 1024,
        int port = 8080,
        ContainerSettings? container = null)
    {
        const string name = "todo-api";
        var isLocal = environment == "local";
        return new ServiceSettings(
            Name: name,
            Environment: new EnvironmentTarget(environment, account, region, RequiresApproval: false, IsLocal: isLocal),
            Port: port,
            Image: new ImageSettings("Dockerfile", "."),
            Resources: new ResourceSettings(cpu, memory, architecture),
            Container: container ?? new ContainerSettings(null, null, null, null, null, null),
            Health: new HealthSettings("/_health", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 2, 3, TimeSpan.FromSeconds(30), "200-399"),
            Scaling: new ScalingSettings(2, 2, 2, null, null, null, 0),
            Deploy: new DeploySettings(100, 200, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(15), true, true),
            Env: env ?? new Dictionary<string, string>(),
            Secrets: new SecretSettings("/" + name, secrets ?? new Dictionary<string, string>()),
            Database: null,
            Network: new NetworkSettings(true, null, null, null, NatMode.PerAz, null),
            Logs: new LogSettings(30),
            Buckets: new BucketSettings(false, false),
            Local: null,
            Permissions: PermissionSettings.None,
            Iam: IamSettings.Default,
            Names: ResourceNaming.For(name, environment));
    }

    public static FlatServiceConfig Flat() => new(
        Account: "123456789012",
        Region: "us-east-2",
        Cluster: "apps",
        Service: "billing",
        Port: 5000,
        ExecutionRoleArn: "arn:aws:iam::123456789012:role/billing-execution",
        TaskRoleArn: "arn:aws:iam::123456789012:role/billing-task");
}

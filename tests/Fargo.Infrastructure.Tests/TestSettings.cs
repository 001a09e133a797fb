using Fargo.Config;
using Fargo.Config.Model;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// ServiceSettings built by hand for the choices the example file does not make (it can only make one of
/// each pair): an existing VPC, an existing certificate, a zone given by id, an internal load balancer, no
/// database, memory and request scaling without spot; and plain HTTP without a domain.
/// </summary>
internal static class TestSettings
{
    public const string CertificateArn = "arn:aws:acm:eu-west-1:333333333333:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    public const string ExistingVpcId = "vpc-0123456789abcdef0";
    public const string HostedZoneId = "Z0123456789ABCDEFGHIJ";
    public const string SecretsManagerArn = "arn:aws:secretsmanager:eu-west-1:333333333333:secret:billing/stripe-AbCdEf";

    public static ServiceSettings ExistingNetwork() => new(
        Name: "billing",
        Environment: new EnvironmentTarget("staging", "333333333333", "eu-west-1", RequiresApproval: false, IsLocal: false),
        Port: 5000,
        Image: new ImageSettings("Dockerfile", "."),
        Resources: new ResourceSettings(1024, 2048, CpuArchitecture.Arm64),
        Container: new ContainerSettings(Memory: 1536, MemoryReservation: 1024, EntryPoint: ["/app/billing"], Command: ["--port", "5000"], WorkingDirectory: "/app", StopTimeout: TimeSpan.FromSeconds(10)),
        Health: new HealthSettings("/healthz", TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(6), 3, 2, TimeSpan.FromSeconds(60), "200"),
        Scaling: new ScalingSettings(Count: 2, Min: 2, Max: 6, CpuTarget: null, MemoryTarget: 75, RequestsPerTarget: 300, SpotWeight: 0),
        Deploy: new DeploySettings(50, 150, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), CircuitBreaker: true, Rollback: true),
        Env: new Dictionary<string, string> { ["LOG_LEVEL"] = "info" },
        Secrets: new SecretSettings("/billing", new Dictionary<string, string>
        {
            ["STRIPE_KEY"] = SecretsManagerArn + ":apiKey::",
            ["SHARED_TOKEN"] = "arn:aws:ssm:eu-west-1:333333333333:parameter/shared/token",
        }),
        Database: null,
        Network: new NetworkSettings(Public: false, Domain: "billing.internal.example.com", HostedZone: HostedZoneId, Certificate: CertificateArn, Nat: NatMode.PerAz, VpcId: ExistingVpcId),
        Logs: new LogSettings(14),
        Buckets: new BucketSettings(Data: true, Reports: false),
        Local: null,
        Permissions: new PermissionSettings(
            ["arn:aws:iam::aws:policy/AmazonSESFullAccess"],
            [new PermissionStatement("SendInvoices", ["sqs:SendMessage", "sqs:GetQueueUrl"], ["arn:aws:sqs:eu-west-1:333333333333:invoices"], new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>
            {
                ["StringEquals"] = new Dictionary<string, IReadOnlyList<string>> { ["aws:RequestedRegion"] = ["eu-west-1"] },
            })]),
        Iam: IamSettings.Default,
        Names: ResourceNaming.For("billing", "staging"))
    {
        // As the settings resolver defaults it: the environment's domain, every path.
        Http = new HttpSettings("billing.internal.example.com", "/"),
    };

    /// <summary>
    /// Another service of the same environment, as its own fargo.toml would give it: the same environment-wide settings
    /// (network, logs) as <paramref name="neighbour"/>, its own name, secrets, no database, and the path /reports.
    /// </summary>
    public static ServiceSettings SecondService(ServiceSettings neighbour) => neighbour with
    {
        Name = "reports",
        Secrets = new SecretSettings("/reports", new Dictionary<string, string>()),
        Database = null,
        Buckets = new BucketSettings(Data: false, Reports: false),
        Names = ResourceNaming.For("reports", neighbour.Environment.Name),
        Http = neighbour.Http with { Path = "/reports" },
        // A plain web service: the example's edge proxy waits for the example's own container, which this one has not.
        Sidecars = SidecarSettings.None,
    };

    public static ServiceSettings PlainHttp() => ExistingNetwork() with
    {
        Name = "hello",
        Environment = new EnvironmentTarget("sandbox", "444444444444", "us-west-2", RequiresApproval: false, IsLocal: false),
        Scaling = new ScalingSettings(Count: 1, Min: 1, Max: 1, CpuTarget: null, MemoryTarget: null, RequestsPerTarget: null, SpotWeight: 0),
        Secrets = new SecretSettings("/hello", new Dictionary<string, string>()),
        Network = new NetworkSettings(Public: true, Domain: null, HostedZone: null, Certificate: null, Nat: NatMode.SingleGateway, VpcId: null),
        Buckets = new BucketSettings(Data: false, Reports: false),
        Names = ResourceNaming.For("hello", "sandbox"),
        Http = HttpSettings.Everything,
    };

    /// <summary>
    /// Two environments of "hello" in one account and region (444444444444, us-west-2), in fargo.toml's order: sandbox,
    /// the plain-HTTP settings, creates the repository; demo, otherwise the same, uses it.
    /// </summary>
    public static IReadOnlyList<ServiceSettings> SharedAccount()
    {
        var sandbox = PlainHttp();
        var demo = sandbox with
        {
            Environment = sandbox.Environment with { Name = "demo" },
            Names = ResourceNaming.For("hello", "demo"),
        };
        return [sandbox, demo];
    }
}

namespace Fargo.Cli.Tests.Support;

/// <summary>Configuration files for the command tests.</summary>
internal static class Configs
{
    /// <summary>An app of two services, web calling pricing (so pricing comes first), with qa and prod.</summary>
    public const string App = """
        name = "shop"
        port = 8080

        [services.web]
        calls = ["pricing"]

        [services.pricing]
        kind = "internal"
        port = 9090

        [environments.qa]
        account = "111111111111"
        region = "eu-west-1"

        [environments.prod]
        account = "222222222222"
        region = "eu-west-1"
        """;

    public const string Valid = """
        name = "shop"
        port = 8080

        [resources]
        cpu = 512
        memory = 1024

        [env]
        MODE = "test"

        [secrets]
        API_KEY = "/shared/api-key"

        [local]
        build = "dotnet publish src/Shop -c Release -o {out}"
        command = "dotnet Shop.dll"

        [environments.qa]
        account = "111111111111"
        region = "eu-west-1"

        [environments.prod]
        account = "222222222222"
        region = "us-east-1"
        requires_approval = true
        scaling = { min = 2, max = 6, cpu = 60 }
        """;

    /// <summary>Four mistakes in four places: a port out of range, a memory size Fargate refuses with that cpu,
    /// a misspelt table, and a malformed account id.</summary>
    public const string Broken = """
        name = "shop"
        port = 70000

        [resources]
        cpu = 256
        memory = 300

        [helth]
        path = "/_health"

        [environments.qa]
        account = "123"
        region = "eu-west-1"
        """;

    public const string Flat = """
        account = "123456789012"
        region = "us-east-2"
        cluster = "apps"
        service = "billing"
        port = 5000
        execution_role_arn = "arn:aws:iam::123456789012:role/billing-execution"
        task_role_arn = "arn:aws:iam::123456789012:role/billing-task"
        """;
}

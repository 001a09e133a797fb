namespace Fargo.Tests;

/// <summary>
/// One fargo.toml of a web service with sidecars, which the service stack's tests and a deploy's rendering tests both
/// read, so that the two sides are checked against the very same file.
/// </summary>
internal static class SidecarExample
{
    public const string Config = """
        name = "todo-api"
        port = 8080
        [health]
        command = ["curl", "-f", "http://localhost:8080/_health"]
        [local]
        command = "python3 app.py"
        [containers.proxy]
        image = "nginx:1.27-alpine"
        port = 8081
        target = true
        depends_on = { todo-api = "HEALTHY", migrate = "SUCCESS" }
        env = { UPSTREAM = "http://localhost:8080" }
        secrets = { TLS_KEY = "/todo-api/tls-key" }
        cpu = 64
        memory = 128
        [containers.proxy.health]
        command = ["wget", "-q", "-O-", "http://localhost:8081/_health"]
        interval = "10s"
        [containers.proxy.local]
        command = "python3 proxy.py"
        [containers.migrate]
        essential = false
        entrypoint = ["dotnet", "Migrate.dll"]
        command = ["--once"]
        [containers.shipper]
        image = "111111111111.dkr.ecr.us-east-1.amazonaws.com/log-shipper:v3"
        essential = false
        [environments.qa]
        account = "111111111111"
        region = "us-east-1"

        """;
}

using System.Globalization;
using System.Text;

namespace Fargo.Cli.Init;

/// <summary>
/// The fargo.toml `fargo init` writes: the detected values, the common settings with their defaults spelled
/// out, and the rest as comments that say what they do, so the file teaches its own format.
/// </summary>
internal static class FargoTomlTemplate
{
    public const string DefaultHealthPath = "/_health";

    public static string Render(DetectedProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var toml = new StringBuilder();
        void Line(string text = "") => toml.Append(text).Append('\n');

        Line("# fargo.toml: how Fargo builds, runs and deploys this service. Written by `fargo init`.");
        Line("# Check it with `fargo validate`; see what a deploy would send with `fargo render taskdef --env NAME`.");
        Line();
        Line("# The service's name: it names the ECS service, the ECR repository, the log group and the secrets path.");
        Line($"name = {TomlText.Quote(project.Name)}");
        Line();
        Line($"# The port the container listens on ({project.PortSource}).");
        Line($"port = {project.Port.ToString(CultureInfo.InvariantCulture)}");
        Line();

        if (project.Dockerfile is not null)
        {
            Line("[image]");
            Line("# The image is built from this Dockerfile; the build context is this file's folder.");
            Line($"dockerfile = {TomlText.Quote(project.Dockerfile)}");
        }
        else
        {
            Line("# No Dockerfile was found. To build the image from one, add it and say where:");
            Line("# [image]");
            Line("# dockerfile = \"Dockerfile\"");
        }

        Line();
        Line("[resources]");
        Line("# Fargate task size: cpu in CPU units (1024 = 1 vCPU), memory in MiB (with cpu 256: 512, 1024 or 2048).");
        Line("cpu = 256");
        Line("memory = 512");
        Line();
        Line("[health]");
        Line("# The load balancer's health check: the service must answer 200-399 here once it is ready.");
        Line(project.HealthPath is null
            ? $"path = {TomlText.Quote(DefaultHealthPath)}  # no health endpoint was found in the code: add one, or change this"
            : $"path = {TomlText.Quote(project.HealthPath)}  # found in the code");
        Line("# grace_period = \"30s\"  # how long a new task may fail health checks while it starts");
        Line();
        Line("[scaling]");
        Line("# How many tasks run. To autoscale instead: min = 2, max = 10, cpu = 60 (target CPU %).");
        Line("count = 1");
        Line();
        Line("[deploy]");
        Line("# A deploy starts new tasks before it stops old ones, and rolls back by itself when the new ones fail.");
        Line("min_healthy_percent = 100");
        Line("max_percent = 200");
        Line("timeout = \"15m\"");
        Line();

        if (project.PortNeedsSetting)
        {
            Line("[env]");
            Line("# The port came from the launch profile, so tell ASP.NET Core to listen on it in the container too.");
            Line($"ASPNETCORE_HTTP_PORTS = {TomlText.Quote(project.Port.ToString(CultureInfo.InvariantCulture))}");
        }
        else
        {
            Line("# Environment variables of the container:");
            Line("# [env]");
            Line("# ASPNETCORE_ENVIRONMENT = \"Production\"");
        }

        Line();
        Line("# Secrets are handed to the container by reference, never written here: every SSM parameter under");
        Line($"# /{project.Name}/ becomes an environment variable of the same name (`fargo secret set NAME`).");
        Line("# Another path can be chosen with a top-level key (before any table):");
        Line($"#   secrets_path = {TomlText.Quote("/" + project.Name)}");
        Line("# Others can be mapped explicitly, by parameter name or ARN:");
        Line("# [secrets]");
        Line("# API_KEY = \"/shared/api-key\"");
        Line();

        if (project.WebProject is { } web)
        {
            Line("[local]");
            Line("# How the local region builds and runs the service without Docker; {out} is a fresh build folder.");
            Line($"build = {TomlText.Quote($"dotnet publish {Argument(web.Directory)} -c Release -o {{out}}")}");
            Line($"command = {TomlText.Quote($"dotnet {Argument(web.AssemblyName + ".dll")}")}");
        }
        else
        {
            Line("# No ASP.NET Core project was found. Say how the local region builds and runs the service:");
            Line("# [local]");
            Line("# build = \"make build OUT={out}\"");
            Line("# command = \"./server\"");
        }

        Line();
        Line("# Environments. `local`, the local region on this machine, always exists. Any table above can be");
        Line("# overridden per environment; the overrides are merged into it.");
        Line("# [environments.qa]");
        Line("# account = \"111111111111\"");
        Line("# region = \"us-east-1\"");
        Line("#");
        Line("# [environments.prod]");
        Line("# account = \"222222222222\"");
        Line("# region = \"us-east-1\"");
        Line("# requires_approval = true");
        Line("# scaling = { min = 2, max = 10, cpu = 60 }");
        return toml.ToString();
    }

    // The build and run commands are shell words: quote a path with spaces so it stays one word.
    private static string Argument(string word) =>
        word.Any(char.IsWhiteSpace) || word.Contains('\'', StringComparison.Ordinal) ? "\"" + word.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : word;
}

/// <summary>TOML basic strings.</summary>
internal static class TomlText
{
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}

using Fargo.Config.Model;
using Fargo.Infrastructure.Pipelines;

namespace Fargo.Infrastructure.Tests.Support;

/// <summary>The example's pipeline (qa, then prod), with the choices the tests need.</summary>
internal static class TestPipelines
{
    public const string GitHubRepository = "acme/todo-api";
    public const string FargoVersion = "1.2.3";
    public const string ConnectionArn = "arn:aws:codestar-connections:us-east-1:111111111111:connection/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    public const string Test = "dotnet test --no-build";

    public static readonly string[] Approvers = ["lead@example.com", "ops@example.com"];

    /// <summary>No connection: the GitHub webhook source.</summary>
    public static DeliveryPipeline Webhook() => DeliveryPipeline.Create(
        new PipelineSettings(GitHubRepository, "main", ["qa", "prod"], [Test], Approvers, Connection: null),
        GitHubRepository,
        ExampleConfig.PipelineStages(),
        FargoVersion,
        "services/todo-api");

    public static DeliveryPipeline Connection()
    {
        var webhook = Webhook();
        return webhook with { Connection = ConnectionArn, Settings = webhook.Settings with { Tests = [] }, ConfigDirectory = "." };
    }
}

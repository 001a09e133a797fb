using Fargo.Config;
using Fargo.Deploy.Pipeline;
using Fargo.Deploy.Tests.AwsModels;
using YamlDotNet.RepresentationModel;

namespace Fargo.Deploy.Tests.Pipeline;

/// <summary>
/// The workflows under test: the example's API alone (qa, then prod), the example app of two services, a three-stage
/// arm64 service with a test, and a two-stage service with several tests whose pipeline applies the infrastructure.
/// </summary>
internal static class WorkflowFixtures
{
    public const string FargoVersion = "0.1.0";

    public const string Example = "todo-api example";

    public const string ExampleApp = "todo example app";

    public const string ThreeStages = "three stages";

    public const string ThreeStagesToml = """
        name = "orders"
        port = 8080

        [resources]
        cpu = 512
        memory = 1024
        platform = "linux/arm64"

        [environments.qa]
        account = "111111111111"
        region = "eu-west-1"

        [environments.staging]
        account = "222222222222"
        region = "eu-west-1"

        [environments.prod]
        account = "333333333333"
        region = "eu-central-1"
        requires_approval = true

        [pipeline]
        repository = "acme/orders"
        branch = "release/v2"
        stages = ["qa", "staging", "prod"]
        test = "dotnet Orders.dll --self-test \"quick: yes\" # all of it, ${{ not an expression }}"
        """;

    public const string Infra = "infra and several tests";

    public const string InfraToml = """
        name = "billing"
        port = 8080

        [environments.qa]
        account = "111111111111"
        region = "eu-west-1"

        [environments.prod]
        account = "333333333333"
        region = "eu-west-1"

        [pipeline]
        repository = "acme/billing"
        test = ["dotnet Billing.dll --self-test", "sh -c 'echo ${{ github.token }} is not read'"]
        infra = true
        """;

    public static IReadOnlyList<string> Names => [Example, ExampleApp, ThreeStages, Infra];

    public static GitHubWorkflowRequest Request(string name)
    {
        switch (name)
        {
            case Example:
                // The example's API alone: the workflow of a file of one service.
                var example = Assert.IsType<ServiceConfig>(new ConfigLoader().Parse(RepositoryPaths.ExampleApiAlone(), RepositoryPaths.ExampleConfig));
                return new GitHubWorkflowRequest(example, example.Pipeline, "acme/todo-api", FargoVersion, "examples/todo-api");
            case ExampleApp:
                var app = Assert.IsType<ServiceConfig>(new ConfigLoader().Load(RepositoryPaths.ExampleConfig));
                return new GitHubWorkflowRequest(app, app.Pipeline, "acme/todo-api", FargoVersion, "examples/todo-api");
            case ThreeStages:
                var orders = Assert.IsType<ServiceConfig>(new ConfigLoader().Parse(ThreeStagesToml, "/src/acme/services/orders/fargo.toml"));
                return new GitHubWorkflowRequest(orders, orders.Pipeline, orders.Pipeline.Repository!, FargoVersion, "services/orders");
            case Infra:
                var billing = Assert.IsType<ServiceConfig>(new ConfigLoader().Parse(InfraToml, "/src/billing/fargo.toml"));
                return new GitHubWorkflowRequest(billing, billing.Pipeline, billing.Pipeline.Repository!, FargoVersion, "");
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "no such workflow fixture");
        }
    }

    public static GitHubWorkflow Generate(string name) => GitHubWorkflowGenerator.Generate(Request(name));

    /// <summary>The workflow written to a file of its own (the linters read files), in a folder removed afterwards by the caller.</summary>
    public static string WriteToTemporaryFile(string yaml)
    {
        var folder = Path.Combine(Path.GetTempPath(), "fargo-workflow-" + Guid.NewGuid().ToString("N"), ".github", "workflows");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "fargo.yml");
        File.WriteAllText(file, yaml);
        return file;
    }

    public static void DeleteTemporaryFile(string file) =>
        Directory.Delete(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..")), recursive: true);

    public static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
    }
}

using System.Text.Json;
using Fargo.Cli.Commands.Infra;
using Fargo.Cli.Tests.Infra.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.Infra;

/// <summary>
/// `fargo infra synth` on the example (examples/todo-api/fargo.toml): the templates written, what they hold, the
/// JSON report, the default folder, determinism, and what it refuses. Offline; no credentials.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class InfraSynthTests(InfraSynthesisFixture fixture) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Without_env_every_aws_environment_is_synthesized_into_its_own_folder()
    {
        Assert.True(fixture.SynthAll.ExitCode == 0, fixture.SynthAll.ToString());
        using var json = JsonDocument.Parse(fixture.SynthAll.Out);
        var root = json.RootElement;
        Assert.Equal(fixture.OutDirectory, root.GetProperty("outputDirectory").GetString());

        var environments = root.GetProperty("environments").EnumerateArray().ToList();
        Assert.Equal(["qa", "prod"], environments.Select(e => e.GetProperty("name").GetString()));
        Assert.Equal(["111111111111", "222222222222"], environments.Select(e => e.GetProperty("account").GetString()));
        Assert.All(environments, e => Assert.Equal("us-east-1", e.GetProperty("region").GetString()));
        foreach (var environment in environments)
        {
            var name = environment.GetProperty("name").GetString()!;
            var assembly = Path.Combine(fixture.OutDirectory, name);
            Assert.Equal(assembly, environment.GetProperty("assembly").GetString());
            Assert.True(File.Exists(Path.Combine(assembly, "manifest.json")), $"no cloud assembly manifest in {assembly}");

            var stacks = environment.GetProperty("stacks").EnumerateArray().ToList();
            Assert.Equal([$"fargo-{name}", $"fargo-{name}-todo-api"], stacks.Select(s => s.GetProperty("name").GetString()));
            foreach (var stack in stacks)
            {
                var template = stack.GetProperty("template").GetString()!;
                Assert.Equal(Path.Combine(assembly, $"{stack.GetProperty("name").GetString()}.template.json"), template);
                Assert.Equal(Resources(template).Count, stack.GetProperty("resources").GetInt32());
            }
        }

        // Nothing else on stdout than the document; nothing on stderr in JSON mode but Fargo's own progress lines.
        Assert.DoesNotContain("error", fixture.SynthAll.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_templates_are_cloudformation_with_the_expected_stacks_and_resources()
    {
        var qaNetwork = Resources(Template("qa", "fargo-qa"));
        var prodNetwork = Resources(Template("prod", "fargo-prod"));
        var qaService = Resources(Template("qa", "fargo-qa-todo-api"));
        var prodService = Resources(Template("prod", "fargo-prod-todo-api"));

        // The environment stack: network, load balancer with HTTPS and the redirect, cluster.
        foreach (var network in new[] { qaNetwork, prodNetwork })
        {
            Assert.Single(network.Values, r => Type(r) == "AWS::EC2::VPC");
            Assert.Equal(4, network.Values.Count(r => Type(r) == "AWS::EC2::Subnet"));
            Assert.Single(network.Values, r => Type(r) == "AWS::ElasticLoadBalancingV2::LoadBalancer");
            Assert.Equal(2, network.Values.Count(r => Type(r) == "AWS::ElasticLoadBalancingV2::Listener"));
            Assert.Single(network.Values, r => Type(r) == "AWS::ECS::Cluster");
            Assert.Single(network.Values, r => Type(r) == "AWS::CertificateManager::Certificate");
        }

        // qa: a single NAT gateway; prod: one per availability zone.
        Assert.Single(qaNetwork.Values, r => Type(r) == "AWS::EC2::NatGateway");
        Assert.Equal(2, prodNetwork.Values.Count(r => Type(r) == "AWS::EC2::NatGateway"));

        // The service stack: repository, task definition, service; the database Multi-AZ in prod only.
        foreach (var service in new[] { qaService, prodService })
        {
            Assert.Single(service.Values, r => Type(r) == "AWS::ECR::Repository");
            Assert.Single(service.Values, r => Type(r) == "AWS::ECS::TaskDefinition");
            Assert.Single(service.Values, r => Type(r) == "AWS::ECS::Service");
        }

        Assert.False(Database(qaService).GetProperty("Properties").GetProperty("MultiAZ").GetBoolean());
        Assert.True(Database(prodService).GetProperty("Properties").GetProperty("MultiAZ").GetBoolean());
        Assert.Equal("Snapshot", Database(prodService).GetProperty("DeletionPolicy").GetString());
        Assert.DoesNotContain(qaService.Values, r => Type(r) == "AWS::CloudFront::Distribution");
        Assert.Single(prodService.Values, r => Type(r) == "AWS::CloudFront::Distribution");
        Assert.Equal(2, prodService.Values.Count(r => Type(r) == "AWS::S3::Bucket"));

        // The live image is a parameter `infra up` fills in.
        using var template = JsonDocument.Parse(File.ReadAllBytes(Template("qa", "fargo-qa-todo-api")));
        Assert.True(template.RootElement.GetProperty("Parameters").TryGetProperty("Image", out _));
    }

    [Fact]
    public async Task By_default_the_assembly_goes_to_cdk_out_beside_fargo_toml_and_is_byte_identical_each_time()
    {
        // As a separate process, the way a shell runs it: the output must be Fargo's alone (no jsii or Node.js banner).
        var project = _folder.File("service");
        Directory.CreateDirectory(project);
        File.Copy(Repository.ExampleConfig, Path.Combine(project, "fargo.toml"));
        var elsewhere = _folder.File("elsewhere");
        Directory.CreateDirectory(elsewhere);

        var result = await FargoProcess.RunAsync(elsewhere, "infra", "synth", "--env", "qa", "--service", "todo-api", "--config", Path.Combine(project, "fargo.toml"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var assembly = Path.Combine(project, InfraCommand.DefaultOutputFolder, "qa");
        Assert.Contains($"Synthesized qa (account 111111111111, us-east-1) into {assembly}", result.Out, StringComparison.Ordinal);
        Assert.Contains("fargo-qa-todo-api", result.Out, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(assembly, "fargo-qa.template.json"), result.Out, StringComparison.Ordinal);
        Assert.Equal("", result.Error);
        Assert.False(Directory.Exists(Path.Combine(elsewhere, InfraCommand.DefaultOutputFolder)));
        Assert.False(Directory.Exists(Path.Combine(project, InfraCommand.DefaultOutputFolder, "prod")));

        foreach (var stack in new[] { "fargo-qa", "fargo-qa-todo-api" })
        {
            Assert.Equal(File.ReadAllBytes(Template("qa", stack)), File.ReadAllBytes(Path.Combine(assembly, $"{stack}.template.json")));
        }
    }

    [Fact]
    public async Task The_local_environment_synthesizes_the_same_stacks_for_the_local_region()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "infra", "synth", "--env", "local", "--service", "todo-api", "--config", Repository.ExampleConfig, "--out", "out");

        Assert.True(result.ExitCode == 0, result.ToString());
        var service = File.ReadAllText(_folder.File(Path.Combine("out", "local", "fargo-local-todo-api.template.json")));
        // The local container runs [local].command, which only the local environment's task definition carries.
        Assert.Contains("\"TodoApi.dll\"", service, StringComparison.Ordinal);
        Assert.True(File.Exists(_folder.File(Path.Combine("out", "local", "fargo-local.template.json"))));
    }

    [Fact]
    public async Task An_unknown_environment_is_a_usage_error()
    {
        var result = await FargoCli.RunAsync(_folder.Path, "infra", "synth", "--env", "staging", "--service", "todo-api", "--config", Repository.ExampleConfig, "--out", "out", "--output", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        using var error = JsonDocument.Parse(result.Error);
        Assert.Equal("usage", error.RootElement.GetProperty("error").GetProperty("kind").GetString());
        Assert.Contains("staging", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File("out")));
    }

    [Fact]
    public async Task A_file_with_only_the_local_environment_has_nothing_to_synthesize()
    {
        _folder.Write("fargo.toml", """
            name = "shop"
            port = 8080
            """);

        var result = await FargoCli.RunAsync(_folder.Path, "infra", "synth");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("has only the local environment", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.File(InfraCommand.DefaultOutputFolder)));
    }

    [Fact]
    public async Task A_flat_deploy_file_has_no_infrastructure()
    {
        _folder.Write("config.toml", Configs.Flat);

        var result = await FargoCli.RunAsync(_folder.Path, "infra", "synth", "--config", "config.toml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("flat deploy file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_other_commands_need_an_environment_named_with_env()
    {
        foreach (var verb in new[] { "diff", "up", "down" })
        {
            var result = await FargoCli.RunAsync(_folder.Path, "infra", verb, "--config", Repository.ExampleConfig);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"`fargo infra {verb}` works on one environment; name it with --env.", result.Error, StringComparison.Ordinal);
        }
    }

    private string Template(string environment, string stack) => Path.Combine(fixture.OutDirectory, environment, $"{stack}.template.json");

    private static Dictionary<string, JsonElement> Resources(string template)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(template));
        return document.RootElement.GetProperty("Resources").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    private static string? Type(JsonElement resource) => resource.GetProperty("Type").GetString();

    private static JsonElement Database(Dictionary<string, JsonElement> resources) =>
        Assert.Single(resources.Values, r => Type(r) == "AWS::RDS::DBInstance");
}

using System.Text.Json;
using Fargo.Infrastructure.Tests.Support;
using Fargo.Infrastructure.Toolkit;

namespace Fargo.Infrastructure.Tests;

/// <summary>The toolkit runner with a fake process runner: what it starts, in which order, and what it makes of the results.</summary>
public sealed class CdkToolkitTests : IDisposable
{
    private readonly string _tools = Directory.CreateTempSubdirectory("fargo-tools-").FullName;
    private readonly string _assemblyDirectory = Directory.CreateTempSubdirectory("fargo-assembly-").FullName;

    public void Dispose()
    {
        Directory.Delete(_tools, recursive: true);
        Directory.Delete(_assemblyDirectory, recursive: true);
    }

    [Fact]
    public async Task Deploy_installs_the_pinned_toolkit_once_and_returns_the_service_outputs()
    {
        var assembly = CdkCommandLineTests.Assembly with { Directory = _assemblyDirectory };
        var runner = new FakeProcessRunner { Respond = Simulate };
        var toolkit = new CdkToolkit(new CdkToolkitOptions(_tools, new CdkRunOptions()), runner);
        var lines = new List<string>();

        var outputs = await toolkit.DeployAsync(assembly, new DeployInputs("repo/todo-api@sha256:1"), ApprovalLevel.Never, line => lines.Add(line.Text), CancellationToken.None);
        await toolkit.DeployAsync(assembly, new DeployInputs("repo/todo-api@sha256:1"), ApprovalLevel.Never, _ => { }, CancellationToken.None);

        Assert.Equal("arn:aws:elasticloadbalancing:target/1", outputs[StackOutputs.TargetGroupArn]);
        Assert.Single(runner.Started, spec => spec.Arguments.Contains("install"));
        var deploys = runner.Started.Where(spec => spec.Arguments.Contains("deploy")).ToList();
        Assert.Equal(2, deploys.Count);
        Assert.All(deploys, spec =>
        {
            Assert.EndsWith("node", spec.FileName, StringComparison.Ordinal);
            Assert.Equal(Path.Combine(_tools, "aws-cdk", "2.160.0", "node_modules", "aws-cdk", "bin", "cdk"), spec.Arguments[0]);
            Assert.Equal("1", spec.Environment!["CDK_DISABLE_VERSION_CHECK"]);
        });
        Assert.Contains("stack event: CREATE_COMPLETE", lines);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_tools, "aws-cdk"), ".install-*"));
    }

    [Fact]
    public async Task A_failed_deploy_is_an_error_with_the_exit_code()
    {
        var runner = new FakeProcessRunner { Respond = (spec, output) => spec.Arguments.Contains("deploy") ? 1 : Simulate(spec, output) };
        var toolkit = new CdkToolkit(new CdkToolkitOptions(_tools, new CdkRunOptions()), runner);
        var error = await Assert.ThrowsAsync<CdkToolkitException>(() =>
            toolkit.DeployAsync(CdkCommandLineTests.Assembly with { Directory = _assemblyDirectory }, new DeployInputs(null), ApprovalLevel.Never, _ => { }, CancellationToken.None));
        Assert.Equal(1, error.ExitCode);
        Assert.Equal("deploy", error.Command);
    }

    [Fact]
    public async Task A_failed_install_says_so_and_leaves_nothing_half_installed()
    {
        var runner = new FakeProcessRunner { Respond = (spec, output) => spec.Arguments.Contains("install") ? 1 : Simulate(spec, output) };
        var toolkit = new CdkToolkit(new CdkToolkitOptions(_tools, new CdkRunOptions()), runner);
        var error = await Assert.ThrowsAsync<InfrastructureException>(() =>
            toolkit.DiffAsync(CdkCommandLineTests.Assembly with { Directory = _assemblyDirectory }, _ => { }, CancellationToken.None));
        Assert.Contains("could not install aws-cdk@2.160.0", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_tools, "aws-cdk", "2.160.0")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_tools, "aws-cdk")));
    }

    [Fact]
    public async Task Down_empties_the_buckets_and_repository_before_deleting_the_stacks()
    {
        var events = new List<string>();
        var runner = new FakeProcessRunner
        {
            Respond = (spec, output) =>
            {
                if (spec.Arguments.Contains("destroy"))
                {
                    events.Add("cdk destroy " + string.Join(' ', spec.Arguments.SkipWhile(a => a != "--force").Skip(1)));
                }

                return Simulate(spec, output);
            },
        };
        var teardown = new RecordingTeardown(events);
        var toolkit = new CdkToolkit(new CdkToolkitOptions(_tools, new CdkRunOptions()), runner);
        var assembly = CdkCommandLineTests.Assembly with { Directory = _assemblyDirectory, KeepsData = false };

        await toolkit.DestroyAsync(assembly, teardown, _ => { }, CancellationToken.None);

        Assert.Equal(
            [
                "outputs fargo-prod", "outputs fargo-prod-todo-api",
                "empty data-1", "delete images todo-api", "empty logs-1",
                "cdk destroy fargo-prod-todo-api fargo-prod",
            ],
            events);
    }

    [Fact]
    public async Task Down_of_the_pipeline_empties_its_artifacts_bucket_then_deletes_only_its_stack()
    {
        var events = new List<string>();
        var runner = new FakeProcessRunner
        {
            Respond = (spec, output) =>
            {
                if (spec.Arguments.Contains("destroy"))
                {
                    events.Add("cdk destroy " + string.Join(' ', spec.Arguments.SkipWhile(a => a != "--force").Skip(1)));
                }

                return Simulate(spec, output);
            },
        };
        var toolkit = new CdkToolkit(new CdkToolkitOptions(_tools, new CdkRunOptions()), runner);
        var pipeline = new SingleStackAssembly(_assemblyDirectory, "fargo-todo-api-pipeline", "t.json", "111111111111", "us-east-1", [StackOutputs.ArtifactsBucketName]);

        await toolkit.DestroyAsync(pipeline, new PipelineTeardown(events), _ => { }, CancellationToken.None);

        Assert.Equal(["outputs fargo-todo-api-pipeline", "empty artifacts-1", "cdk destroy fargo-todo-api-pipeline"], events);
    }

    [Fact]
    public async Task Down_of_deploy_access_has_nothing_to_empty()
    {
        var events = new List<string>();
        var toolkit = new CdkToolkit(new CdkToolkitOptions(_tools, new CdkRunOptions()), new FakeProcessRunner { Respond = Simulate });
        var access = new SingleStackAssembly(_assemblyDirectory, "fargo-prod-todo-api-deploy-access", "t.json", "222222222222", "us-east-1", []);

        await toolkit.DestroyAsync(access, new PipelineTeardown(events), _ => { }, CancellationToken.None);

        Assert.Empty(events);
    }

    private sealed class PipelineTeardown(List<string> events) : IInfrastructureTeardown
    {
        public Task<IReadOnlyDictionary<string, string>?> GetStackOutputsAsync(string stackName, string region, CancellationToken cancellationToken)
        {
            events.Add("outputs " + stackName);
            return Task.FromResult<IReadOnlyDictionary<string, string>?>(new Dictionary<string, string> { [StackOutputs.ArtifactsBucketName] = "artifacts-1" });
        }

        public Task EmptyBucketAsync(string bucketName, string region, CancellationToken cancellationToken)
        {
            events.Add("empty " + bucketName);
            return Task.CompletedTask;
        }

        public Task DeleteAllImagesAsync(string repositoryName, string region, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the pipeline has no repository");
    }

    /// <summary>Answers like node, npm and the toolkit would.</summary>
    private static int Simulate(ProcessSpec spec, Action<OutputLine> output)
    {
        if (spec.Arguments is ["--version"])
        {
            output(new OutputLine(OutputSource.StandardOutput, "v20.11.1"));
            return 0;
        }

        if (spec.Arguments.Contains("install"))
        {
            var prefix = spec.Arguments[spec.Arguments.ToList().IndexOf("--prefix") + 1];
            var package = Path.Combine(prefix, "node_modules", "aws-cdk");
            Directory.CreateDirectory(Path.Combine(package, "bin"));
            File.WriteAllText(Path.Combine(package, "package.json"), """{"name":"aws-cdk","version":"2.160.0"}""");
            File.WriteAllText(Path.Combine(package, "bin", "cdk"), "#!/usr/bin/env node");
            return 0;
        }

        if (spec.Arguments.Contains("deploy"))
        {
            output(new OutputLine(OutputSource.StandardError, "stack event: CREATE_COMPLETE"));
            var file = spec.Arguments[spec.Arguments.ToList().IndexOf("--outputs-file") + 1];
            File.WriteAllText(file, JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>>
            {
                ["fargo-prod-todo-api"] = new() { [StackOutputs.TargetGroupArn] = "arn:aws:elasticloadbalancing:target/1" },
            }));
        }

        return 0;
    }

    private sealed class RecordingTeardown(List<string> events) : IInfrastructureTeardown
    {
        public Task<IReadOnlyDictionary<string, string>?> GetStackOutputsAsync(string stackName, string region, CancellationToken cancellationToken)
        {
            events.Add("outputs " + stackName);
            IReadOnlyDictionary<string, string> outputs = stackName == "fargo-prod"
                ? new Dictionary<string, string> { [StackOutputs.AccessLogsBucketName] = "logs-1" }
                : new Dictionary<string, string> { [StackOutputs.DataBucketName] = "data-1", [StackOutputs.RepositoryName] = "todo-api" };
            return Task.FromResult<IReadOnlyDictionary<string, string>?>(outputs);
        }

        public Task EmptyBucketAsync(string bucketName, string region, CancellationToken cancellationToken)
        {
            events.Add("empty " + bucketName);
            return Task.CompletedTask;
        }

        public Task DeleteAllImagesAsync(string repositoryName, string region, CancellationToken cancellationToken)
        {
            events.Add("delete images " + repositoryName);
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// The real pinned toolkit (the repository's npm aws-cdk, placed where Fargo installs it) reading a synthesized
/// assembly: proof that it understands the cloud assembly the library writes. Offline, no credentials.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class CdkToolkitAssemblyTests(SynthesisFixture synthesis)
{
    [Fact]
    public async Task Pinned_toolkit_lists_the_synthesized_stacks()
    {
        var package = RepositoryRoot.Combine("node_modules", "aws-cdk");
        Assert.True(Directory.Exists(package), $"{package} is missing: run `npm ci` at the repository root (./test.sh does)");

        var tools = Directory.CreateTempSubdirectory("fargo-tools-").FullName;
        try
        {
            var modules = Path.Combine(tools, "aws-cdk", CdkToolkitInstallation.Version, "node_modules");
            Directory.CreateDirectory(modules);
            Directory.CreateSymbolicLink(Path.Combine(modules, "aws-cdk"), package);
            var runner = new CountingRunner(new ProcessRunner());
            var toolkit = new CdkToolkit(new CdkToolkitOptions(tools, new CdkRunOptions()), runner);

            var stacks = await toolkit.ListAsync(synthesis.Prod.Assembly, CancellationToken.None);

            Assert.Equal(["fargo-prod", "fargo-prod-todo-api"], stacks);
            Assert.DoesNotContain(runner.Started, spec => spec.Arguments.Contains("install"));
        }
        finally
        {
            Directory.Delete(tools, recursive: true);
        }
    }

    private sealed class CountingRunner(IProcessRunner inner) : IProcessRunner
    {
        public List<ProcessSpec> Started { get; } = [];

        public Task<int> RunAsync(ProcessSpec spec, Action<OutputLine> output, CancellationToken cancellationToken)
        {
            Started.Add(spec);
            return inner.RunAsync(spec, output, cancellationToken);
        }
    }
}

using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// The templates of the example's qa and prod, committed under Snapshots/, so that any change to the topology
/// shows in review. Compared byte for byte; FARGO_UPDATE_SNAPSHOTS=1 rewrites them.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class SnapshotTests(SynthesisFixture synthesis)
{
    public const string UpdateVariable = "FARGO_UPDATE_SNAPSHOTS";

    public static TheoryData<string, string> Templates => new()
    {
        { "qa", "environment" },
        { "qa", "service" },
        { "prod", "environment" },
        { "prod", "service" },
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_matches_its_snapshot(string environment, string stack)
    {
        var synthesized = synthesis.Get(environment).Assembly;
        var actualPath = stack == "environment" ? synthesized.EnvironmentTemplate : synthesized.ServiceTemplate;
        var actual = File.ReadAllBytes(actualPath);
        var snapshot = RepositoryRoot.Combine("tests", "Fargo.Infrastructure.Tests", "Snapshots", environment, Path.GetFileName(actualPath));

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
            File.WriteAllBytes(snapshot, actual);
            return;
        }

        Assert.True(File.Exists(snapshot), $"no snapshot {snapshot}: run the tests with {UpdateVariable}=1 to write it, and commit it");
        var expected = File.ReadAllBytes(snapshot);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            Assert.Fail($"{Path.GetFileName(actualPath)} differs from {snapshot}:\n{FirstDifference(expected, actual)}\n"
                + $"If the change is intended, run the tests with {UpdateVariable}=1 and commit the new snapshot.");
        }
    }

    public static TheoryData<string> CiCdStacks => ["pipeline", "qa-access-pipeline", "prod-access"];

    [Theory]
    [MemberData(nameof(CiCdStacks))]
    public void CiCd_template_matches_its_snapshot(string name)
    {
        var actualPath = synthesis.GetSingle(name).Assembly.Template;
        var actual = File.ReadAllBytes(actualPath);
        var snapshot = RepositoryRoot.Combine("tests", "Fargo.Infrastructure.Tests", "Snapshots", name, Path.GetFileName(actualPath));
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
            File.WriteAllBytes(snapshot, actual);
            return;
        }

        Assert.True(File.Exists(snapshot), $"no snapshot {snapshot}: run the tests with {UpdateVariable}=1 to write it, and commit it");
        var expected = File.ReadAllBytes(snapshot);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"{Path.GetFileName(actualPath)} differs from {snapshot}:\n{FirstDifference(expected, actual)}\n"
            + $"If the change is intended, run the tests with {UpdateVariable}=1 and commit the new snapshot.");
    }

    private static string FirstDifference(byte[] expected, byte[] actual)
    {
        var expectedLines = System.Text.Encoding.UTF8.GetString(expected).Split('\n');
        var actualLines = System.Text.Encoding.UTF8.GetString(actual).Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "(end of file)";
            var a = i < actualLines.Length ? actualLines[i] : "(end of file)";
            if (e != a)
            {
                return $"line {i + 1}:\n  snapshot:    {e.Trim()}\n  synthesized: {a.Trim()}";
            }
        }

        return "(same lines, different bytes)";
    }
}

/// <summary>The same settings give byte-identical output: every file of the cloud assembly.</summary>
[Collection(CdkCollection.Name)]
public sealed class DeterminismTests(SynthesisFixture synthesis)
{
    [Fact]
    public void Two_syntheses_give_identical_files()
    {
        var first = synthesis.Prod.Assembly;
        var second = synthesis.SynthesizeAgain(synthesis.Prod.Settings, "prod-again");

        var firstFiles = Files(first.Directory);
        var secondFiles = Files(second.Directory);
        Assert.Equal(firstFiles.Keys, secondFiles.Keys);
        Assert.Contains("manifest.json", firstFiles.Keys);
        foreach (var (name, bytes) in firstFiles)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(secondFiles[name]), $"{name} differs between two syntheses");
            // Nothing depends on where the assembly was written.
            Assert.DoesNotContain(first.Directory, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Templates_carry_no_cdk_metadata_or_bootstrap_rule()
    {
        foreach (var environment in new[] { synthesis.Prod, synthesis.Qa })
        {
            foreach (var template in new[] { environment.EnvironmentJson, environment.ServiceJson })
            {
                Assert.DoesNotContain(template["Resources"]!.AsObject(), resource => (string?)resource.Value!["Type"] == "AWS::CDK::Metadata");
                Assert.Null(template["Rules"]);
                Assert.DoesNotContain("BootstrapVersion", template["Parameters"]?.AsObject().Select(p => p.Key) ?? []);
                Assert.DoesNotContain(template["Resources"]!.AsObject(), resource => resource.Value!["Metadata"] is not null);
            }
        }
    }

    [Theory]
    [InlineData("qa")]
    [InlineData("prod")]
    [InlineData("existing-network")]
    [InlineData("plain-http")]
    public void Assembly_carries_no_warnings_or_errors(string name)
    {
        // The toolkit prints these on every diff and deploy.
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(synthesis.Get(name).Assembly.Directory, "manifest.json")))!;
        var messages = manifest["artifacts"]!.AsObject()
            .SelectMany(artifact => artifact.Value!["metadata"]?.AsObject() ?? [])
            .SelectMany(path => path.Value!.AsArray().Select(entry => (Path: path.Key, Type: (string)entry!["type"]!, Data: entry["data"]?.ToJsonString())))
            .Where(entry => entry.Type is "aws:cdk:warning" or "aws:cdk:error")
            .Select(entry => $"{entry.Type} at {entry.Path}: {entry.Data}")
            .ToList();
        Assert.True(messages.Count == 0, string.Join('\n', messages));
        Assert.Null(manifest["missing"]);
    }

    [Theory]
    [InlineData("pipeline")]
    [InlineData("pipeline-connection")]
    [InlineData("qa-access")]
    [InlineData("prod-access")]
    public void CiCd_assembly_carries_no_warnings_errors_or_cdk_metadata(string name)
    {
        var stack = synthesis.GetSingle(name);
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(stack.Assembly.Directory, "manifest.json")))!;
        var messages = manifest["artifacts"]!.AsObject()
            .SelectMany(artifact => artifact.Value!["metadata"]?.AsObject() ?? [])
            .SelectMany(path => path.Value!.AsArray().Select(entry => (Path: path.Key, Type: (string)entry!["type"]!, Data: entry["data"]?.ToJsonString())))
            .Where(entry => entry.Type is "aws:cdk:warning" or "aws:cdk:error")
            .Select(entry => $"{entry.Type} at {entry.Path}: {entry.Data}")
            .ToList();
        Assert.True(messages.Count == 0, string.Join('\n', messages));
        Assert.Null(manifest["missing"]);
        Assert.DoesNotContain(stack.Json["Resources"]!.AsObject(), resource => (string?)resource.Value!["Type"] == "AWS::CDK::Metadata");
        Assert.Null(stack.Json["Rules"]);
        // Nothing needs an asset (no Lambda-backed custom resource): the template deploys with plain CloudFormation.
        Assert.DoesNotContain(stack.Json["Resources"]!.AsObject(), resource => ((string?)resource.Value!["Type"])!.StartsWith("Custom::", StringComparison.Ordinal));
    }

    private static SortedDictionary<string, byte[]> Files(string directory) =>
        new(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(directory, path), File.ReadAllBytes), StringComparer.Ordinal);
}

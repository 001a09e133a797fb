using System.Text.Json.Nodes;
using Fargo.Infrastructure.Tests.Support;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// Two environments of one service in one account and region (sandbox, then demo): one repository, created and kept by
/// sandbox's stack, used by name from demo's. (The example's qa and prod live in separate accounts: their snapshots
/// show the unshared case, unchanged.)
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class SharedRepositoryTests(SynthesisFixture synthesis)
{
    private const string Repository = "hello";
    private const string Account = "444444444444";
    private const string Region = "us-west-2";

    [Fact]
    public void The_importing_stack_creates_no_repository()
    {
        var importer = synthesis.SharedImporter;
        importer.Service.ResourceCountIs("AWS::ECR::Repository", 0);
        Assert.False(importer.Assembly.Repository.Owns);
        Assert.Equal("sandbox", importer.Assembly.Repository.OwnerEnvironment);
        // A plain name, not a cross-stack reference: its only imports are its own environment stack's.
        var imports = importer.ServiceJson.DescendantsNamed("Fn::ImportValue").Select(value => (string)value!).ToList();
        Assert.NotEmpty(imports);
        Assert.All(imports, name => Assert.StartsWith("fargo-demo:", name, StringComparison.Ordinal));
    }

    [Fact]
    public void The_importing_stack_names_the_shared_repository_in_the_bootstrap_image_and_outputs()
    {
        var importer = synthesis.SharedImporter;
        var container = TaskDefinition(importer)["Properties"]!["ContainerDefinitions"]![0]!;
        var ifImage = container["Image"]!["Fn::If"]!.AsArray();
        Assert.Equal("HasLiveImage", (string?)ifImage[0]);
        Assert.Equal($"{Account}.dkr.ecr.{Region}.{{AWS::URLSuffix}}/{Repository}:bootstrap", Render(ifImage[2]!));

        var outputs = importer.ServiceJson["Outputs"]!;
        Assert.Equal(Repository, Render(outputs[StackOutputs.RepositoryName]!["Value"]!));
        Assert.Equal($"{Account}.dkr.ecr.{Region}.{{AWS::URLSuffix}}/{Repository}", Render(outputs[StackOutputs.RepositoryUri]!["Value"]!));
        Assert.Contains("sandbox", (string?)outputs[StackOutputs.RepositoryName]!["Description"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_importing_execution_role_pulls_from_the_shared_repository_by_name()
    {
        var statements = ServiceStackTests.PolicyStatementsOf(synthesis.SharedImporter.ServiceJson, "ExecutionRole");
        var pull = Assert.Single(statements, statement => ServiceStackTests.Actions(statement).Contains("ecr:BatchGetImage"));
        Assert.Equal(
            ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            ServiceStackTests.Actions(pull).Order(StringComparer.Ordinal));
        Assert.Equal($"arn:aws:ecr:{Region}:{Account}:repository/{Repository}", Render(pull["Resource"]!));
    }

    [Fact]
    public void The_owner_retains_a_shared_repository_and_is_otherwise_unchanged()
    {
        var owner = synthesis.SharedOwner;
        var shared = Assert.Single(SynthesizedEnvironment.Resources(owner.ServiceJson, "AWS::ECR::Repository")).Value;
        Assert.Equal("Retain", (string?)shared["DeletionPolicy"]);
        Assert.Equal("Retain", (string?)shared["UpdateReplacePolicy"]);
        Assert.Equal(Repository, (string?)shared["Properties"]!["RepositoryName"]);
        Assert.Equal(["demo"], owner.Assembly.Repository.SharedWith);
        var description = (string?)owner.ServiceJson["Outputs"]![StackOutputs.RepositoryName]!["Description"];
        Assert.Contains("shared with demo", description, StringComparison.Ordinal);
        Assert.Contains("retained", description, StringComparison.Ordinal);

        // The same settings alone (plain-http: sandbox, not prod-like) delete it with the stack; nothing else differs.
        var alone = Assert.Single(SynthesizedEnvironment.Resources(synthesis.PlainHttp.ServiceJson, "AWS::ECR::Repository")).Value;
        Assert.Equal("Delete", (string?)alone["DeletionPolicy"]);
        Assert.True(JsonNode.DeepEquals(alone["Properties"], shared["Properties"]), $"{alone["Properties"]} vs {shared["Properties"]}");
        Assert.Equal("The service's image repository", (string?)synthesis.PlainHttp.ServiceJson["Outputs"]![StackOutputs.RepositoryName]!["Description"]);
    }

    [Fact]
    public void Both_run_the_same_images()
    {
        var owner = TaskDefinition(synthesis.SharedOwner)["Properties"]!["ContainerDefinitions"]![0]!["Image"]!["Fn::If"]![2]!;
        var importer = TaskDefinition(synthesis.SharedImporter)["Properties"]!["ContainerDefinitions"]![0]!["Image"]!["Fn::If"]![2]!;
        // The owner's names its own resource; the importer the same repository by its literal address.
        Assert.Contains("Ref", owner.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal($"{Account}.dkr.ecr.{Region}.{{AWS::URLSuffix}}/{Repository}:bootstrap", Render(importer));
    }

    private static JsonObject TaskDefinition(SynthesizedEnvironment environment) =>
        Assert.Single(SynthesizedEnvironment.Resources(environment.ServiceJson, "AWS::ECS::TaskDefinition")).Value;

    /// <summary>A template value as one string: literals as they are, Fn::Join joined, Fn::Select of Fn::Split evaluated, a Ref as {Name}.</summary>
    private static string Render(JsonNode node) => node switch
    {
        JsonValue value => (string)value!,
        JsonObject o when o["Ref"] is { } reference => "{" + (string)reference! + "}",
        JsonObject o when o["Fn::Join"] is JsonArray join => string.Join((string)join[0]!, join[1]!.AsArray().Select(part => Render(part!))),
        JsonObject o when o["Fn::Select"] is JsonArray select && select[1]!["Fn::Split"] is JsonArray split =>
            Render(split[1]!).Split((string)split[0]!)[(int)select[0]!],
        _ => throw new InvalidOperationException($"cannot render {node.ToJsonString()}"),
    };
}

internal static class JsonNodeSearch
{
    /// <summary>Every value of a member with this name, anywhere in the tree.</summary>
    public static IEnumerable<JsonNode> DescendantsNamed(this JsonNode node, string name) => node switch
    {
        JsonObject o => o.SelectMany(member => member.Key == name && member.Value is not null
            ? [member.Value]
            : member.Value?.DescendantsNamed(name) ?? []),
        JsonArray a => a.SelectMany(item => item?.DescendantsNamed(name) ?? []),
        _ => [],
    };
}

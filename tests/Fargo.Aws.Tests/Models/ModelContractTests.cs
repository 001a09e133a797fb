using System.Text.Json.Nodes;

namespace Fargo.Aws.Tests.Models;

/// <summary>
/// Every request and response type of Fargo.Aws against AWS's own model of its service: aws-sdk v2's models
/// (newest members) for names, types, required members, lists, maps and structures; botocore's full models
/// for enums. One case per operation and direction.
/// </summary>
public sealed class ModelContractTests
{
    private static readonly DeliberateOmissions Omissions = DeliberateOmissions.Load();

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var service in ServiceCatalog.All)
        {
            foreach (var operation in service.Operations)
            {
                data.Add($"{service.Key} {operation} request");
                data.Add($"{service.Key} {operation} response");
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Type_matches_the_model(string testCase)
    {
        var (service, operation, input) = Parse(testCase);
        var info = input ? service.RequestInfo(operation) : service.ResponseInfo(operation);

        var problems = ModelShapeChecker.CheckShape(service.Key, ModelFiles.LoadNpmModel(service.ModelFile), operation, input, info, Omissions);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [BotocoreTheory]
    [MemberData(nameof(Cases))]
    public void Enums_have_exactly_the_models_values(string testCase)
    {
        var (service, operation, input) = Parse(testCase);
        var info = input ? service.RequestInfo(operation) : service.ResponseInfo(operation);

        var problems = ModelShapeChecker.CheckEnums(service.Key, ModelFiles.LoadNpmModel(service.ModelFile),
            ModelFiles.LoadBotocoreModel(service.BotocoreFolder), operation, input, info, Omissions);

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_deliberate_omission_names_a_model_member_that_its_type_really_leaves_out()
    {
        var stale = new List<string>();
        foreach (var (key, _) in Omissions.Entries)
        {
            var space = key.IndexOf(' ', StringComparison.Ordinal);
            var service = ServiceCatalog.Get(key[..space]);
            var dot = key.LastIndexOf('.');
            var typeName = key[(space + 1)..dot];
            var member = key[(dot + 1)..];
            var type = service.Context.GetType().Assembly.GetType($"{service.ShapeNamespace}.{typeName}");
            var info = type is null ? null : service.Context.GetTypeInfo(type);
            if (info is null)
            {
                stale.Add($"{key}: no such type in {service.ShapeNamespace}");
            }
            else if (info.Properties.Any(p => p.Name == member))
            {
                stale.Add($"{key}: {typeName} has this member after all");
            }
            else if (!ModelMentions(ModelFiles.LoadNpmModel(service.ModelFile), member))
            {
                stale.Add($"{key}: the model has no member '{member}'");
            }
        }

        Assert.True(stale.Count == 0, string.Join(Environment.NewLine, stale));
    }

    [Fact]
    public void Every_operation_of_the_catalog_is_in_its_model()
    {
        foreach (var service in ServiceCatalog.All)
        {
            var operations = ModelFiles.LoadNpmModel(service.ModelFile)["operations"]!.AsObject();
            Assert.All(service.Operations, op => Assert.True(operations.ContainsKey(op), $"{service.Key} {op}"));
        }
    }

    private static bool ModelMentions(JsonObject model, string member) =>
        model["shapes"]!.ToJsonString().Contains($"\"{member}\":", StringComparison.Ordinal)
        || model["operations"]!.ToJsonString().Contains($"\"{member}\":", StringComparison.Ordinal);

    private static (ServiceUnderTest Service, string Operation, bool Input) Parse(string testCase)
    {
        var parts = testCase.Split(' ');
        return (ServiceCatalog.Get(parts[0]), parts[1], parts[2] == "request");
    }
}

/// <summary>A theory that reports skipped, not passed, when botocore's full models are not installed.</summary>
public sealed class BotocoreTheoryAttribute : TheoryAttribute
{
    public BotocoreTheoryAttribute()
    {
        if (!ModelFiles.BotocoreAvailable)
        {
            Skip = $"botocore's models are not at {ModelFiles.BotocoreData} (install Debian awscli, or set FARGO_BOTOCORE_DATA).";
        }
    }
}

using System.IO.Compression;
using System.Text.Json;
using Fargo.Local.CloudFormation.Resources;

namespace Fargo.Local.Tests.CloudFormation;

/// <summary>
/// The resource type table in ResourceTypeCatalog against the CloudFormation registry schemas that npm
/// @aws-cdk/aws-service-spec ships (installed by npm ci): create-only properties (causesReplacement yes or maybe),
/// attributes and primary identifiers must be exactly the package's.
/// </summary>
public sealed class ResourceTypeCatalogTests
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Registry = new(Load);

    public static TheoryData<string> Types()
    {
        var data = new TheoryData<string>();
        foreach (var schema in ResourceTypeCatalog.All)
        {
            data.Add(schema.Type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_type_has_the_registry_schemas_create_only_properties_attributes_and_identifier(string type)
    {
        var schema = ResourceTypeCatalog.Find(type)!;
        Assert.True(Registry.Value.TryGetValue(type, out var entity), $"{type} is not in @aws-cdk/aws-service-spec");

        var createOnly = entity.GetProperty("properties").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("causesReplacement", out var replaces) && replaces.GetString() is "yes" or "maybe")
            .Select(p => p.Name)
            .Order(StringComparer.Ordinal);
        List<string> attributes = entity.TryGetProperty("attributes", out var attributeSection)
            ? attributeSection.EnumerateObject().Select(a => a.Name).Order(StringComparer.Ordinal).ToList()
            : [];
        List<string> identifier = entity.TryGetProperty("primaryIdentifier", out var primary) ? primary.EnumerateArray().Select(i => i.GetString()!).ToList() : [];

        Assert.Equal(createOnly, schema.CreateOnlyProperties);
        Assert.Equal(attributes, schema.Attributes);
        Assert.Equal(identifier, schema.PrimaryIdentifier);
    }

    private static Dictionary<string, JsonElement> Load()
    {
        var path = RepositoryRoot.Combine("node_modules", "@aws-cdk", "aws-service-spec", "db.json.gz");
        Assert.True(File.Exists(path), $"{path} is missing: run npm ci at the repository root (test.sh does).");
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return document.RootElement.GetProperty("schema").GetProperty("resource").GetProperty("entities").EnumerateArray()
            .Where(e => e.TryGetProperty("cloudFormationType", out _))
            .GroupBy(e => e.GetProperty("cloudFormationType").GetString()!)
            .ToDictionary(g => g.Key, g => g.First().Clone(), StringComparer.Ordinal);
    }
}

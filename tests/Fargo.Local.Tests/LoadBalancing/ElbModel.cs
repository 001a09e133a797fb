using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Fargo.Local.Tests.LoadBalancing;

/// <summary>
/// AWS's own model of ELBv2 (npm aws-sdk v2, apis/elasticloadbalancingv2-2015-12-01.min.json, installed by
/// test.sh's npm ci): checks that a record has exactly the members of the model's shape, recursively, with the
/// same kinds (structure, list, scalar).
/// </summary>
public static class ElbModel
{
    public static JsonElement Load()
    {
        var path = RepositoryRoot.Combine(
            "node_modules", "aws-sdk", "apis", "elasticloadbalancingv2-2015-12-01.min.json");
        Assert.True(File.Exists(path), $"{path} is missing: run npm ci at the repository root (test.sh does).");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static void AssertMatches(JsonElement model, string operation, JsonTypeInfo request, JsonTypeInfo response)
    {
        var definition = model.GetProperty("operations").GetProperty(operation);
        Compare(model, definition.GetProperty("input"), request, operation + " input");
        Compare(model, definition.GetProperty("output"), response, operation + " output");
    }

    private static void Compare(JsonElement model, JsonElement shape, JsonTypeInfo type, string path)
    {
        if (type.Type.Namespace == "Fargo.Aws.ElasticLoadBalancingV2")
        {
            // Fargo.Aws's own shapes (ListenerAction, Tag): checked against the model by Fargo.Aws's tests.
            return;
        }

        shape = Resolve(model, shape);
        var kind = shape.TryGetProperty("type", out var t) ? t.GetString() : "string";
        switch (kind)
        {
            case "structure":
                Assert.True(type.Kind == JsonTypeInfoKind.Object, $"{path}: the model has a structure, the record a {type.Kind}");
                var members = shape.GetProperty("members").EnumerateObject().ToDictionary(m => m.Name, m => m.Value);
                var properties = type.Properties.ToDictionary(p => p.Name, p => p);
                Assert.True(members.Keys.Order().SequenceEqual(properties.Keys.Order()),
                    $"{path}: model members [{string.Join(", ", members.Keys.Order())}], record members [{string.Join(", ", properties.Keys.Order())}]");
                foreach (var (name, member) in members)
                {
                    Compare(model, member, type.Options.GetTypeInfo(properties[name].PropertyType), path + "." + name);
                }

                if (shape.TryGetProperty("required", out var required))
                {
                    foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    {
                        Assert.True(properties[name].IsRequired, $"{path}.{name} is required by the model");
                    }
                }

                break;
            case "list":
                Assert.True(type.Kind == JsonTypeInfoKind.Enumerable, $"{path}: the model has a list, the record a {type.Kind}");
                Compare(model, shape.GetProperty("member"), type.Options.GetTypeInfo(type.ElementType!), path + ".member");
                break;
            case "integer" or "long":
                Assert.True(Nullable.GetUnderlyingType(type.Type) == typeof(int) || type.Type == typeof(int), $"{path}: the model has an integer, the record {type.Type.Name}");
                break;
            case "boolean":
                Assert.True(Nullable.GetUnderlyingType(type.Type) == typeof(bool) || type.Type == typeof(bool), $"{path}: the model has a boolean, the record {type.Type.Name}");
                break;
            default:
                Assert.True(type.Kind == JsonTypeInfoKind.None, $"{path}: the model has a {kind}, the record a {type.Kind}");
                break;
        }
    }

    private static JsonElement Resolve(JsonElement model, JsonElement shape) =>
        shape.TryGetProperty("shape", out var reference) ? Resolve(model, model.GetProperty("shapes").GetProperty(reference.GetString()!)) : shape;
}

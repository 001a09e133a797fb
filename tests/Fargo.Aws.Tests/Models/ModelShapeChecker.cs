using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Tests.Models;

/// <summary>
/// Walks a record's serialization metadata beside AWS's model of the same shape and lists every difference:
/// wire names, member types, required members, lists and maps, nested structures; or, in enum mode, the values
/// of every enum against botocore's full model (aws-sdk's minified models drop enums).
/// </summary>
public sealed class ModelShapeChecker
{
    private readonly string _service;
    private readonly JsonObject _npmShapes;
    private readonly JsonObject? _botoShapes;
    private readonly DeliberateOmissions _omissions;
    private readonly bool _enumMode;
    private readonly List<string> _problems = [];
    private readonly HashSet<string> _visited = [];

    private ModelShapeChecker(string service, JsonObject npmModel, JsonObject? botoModel, DeliberateOmissions omissions, bool enumMode)
    {
        _service = service;
        _npmShapes = npmModel["shapes"]!.AsObject();
        _botoShapes = botoModel?["shapes"]?.AsObject();
        _omissions = omissions;
        _enumMode = enumMode;
    }

    /// <summary>Differences in names, types, required members, lists, maps and structures.</summary>
    public static IReadOnlyList<string> CheckShape(string service, JsonObject npmModel, string operation, bool input,
        JsonTypeInfo info, DeliberateOmissions omissions)
    {
        var checker = new ModelShapeChecker(service, npmModel, null, omissions, enumMode: false);
        checker.CheckOperation(npmModel, null, operation, input, info);
        return checker._problems;
    }

    /// <summary>Differences between the enums of the types and those of botocore's model.</summary>
    public static IReadOnlyList<string> CheckEnums(string service, JsonObject npmModel, JsonObject botoModel, string operation,
        bool input, JsonTypeInfo info, DeliberateOmissions omissions)
    {
        var checker = new ModelShapeChecker(service, npmModel, botoModel, omissions, enumMode: true);
        checker.CheckOperation(npmModel, botoModel, operation, input, info);
        return checker._problems;
    }

    private void CheckOperation(JsonObject npmModel, JsonObject? botoModel, string operation, bool input, JsonTypeInfo info)
    {
        var direction = input ? "input" : "output";
        var op = npmModel["operations"]?[operation]?.AsObject()
            ?? throw new InvalidOperationException($"{operation} is not in the {_service} model.");
        var npmShape = op[direction] is JsonObject shape ? Resolve(shape) : new JsonObject { ["type"] = "structure", ["members"] = new JsonObject() };
        var botoShape = botoModel?["operations"]?[operation]?[direction]?["shape"] is JsonValue name ? BotoShape(name.GetValue<string>()) : null;
        Check(info, npmShape, botoShape, info.Type.Name);
    }

    private void Check(JsonTypeInfo info, JsonObject shape, JsonObject? boto, string path)
    {
        var type = (string?)shape["type"] ?? "string";
        switch (type)
        {
            case "structure":
                CheckStructure(info, shape, boto, path);
                break;
            case "list":
                if (info.Kind != JsonTypeInfoKind.Enumerable)
                {
                    Problem(path, $"the model has a list; {Describe(info.Type)} is not one");
                    return;
                }
                Check(info.Options.GetTypeInfo(info.ElementType!), Resolve(shape["member"]!.AsObject()), BotoMember(boto, "member"), path + "[]");
                break;
            case "map":
                if (info.Kind != JsonTypeInfoKind.Dictionary)
                {
                    Problem(path, $"the model has a map; {Describe(info.Type)} is not one");
                    return;
                }
                if ((string?)Resolve(shape["key"]!.AsObject())["type"] is not (null or "string"))
                {
                    Problem(path, "the model's map has non-string keys, which this checker does not know");
                }
                CheckScalar(info.KeyType!, "string", BotoMember(boto, "key"), path + "{key}");
                Check(info.Options.GetTypeInfo(info.ElementType!), Resolve(shape["value"]!.AsObject()), BotoMember(boto, "value"), path + "{}");
                break;
            default:
                CheckScalar(info.Type, type, boto, path);
                break;
        }
    }

    private void CheckStructure(JsonTypeInfo info, JsonObject shape, JsonObject? boto, string path)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            Problem(path, $"the model has a structure; {Describe(info.Type)} is not one");
            return;
        }
        if (!_visited.Add(info.Type.FullName + "|" + shape.ToJsonString()))
        {
            return;
        }

        var members = shape["members"]?.AsObject() ?? [];
        var required = (shape["required"]?.AsArray() ?? []).Select(r => (string)r!).ToHashSet(StringComparer.Ordinal);
        var properties = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var typeName = info.Type.Name;

        foreach (var (wireName, memberNode) in members)
        {
            var memberPath = $"{path}.{wireName}";
            if (!properties.TryGetValue(wireName, out var property))
            {
                if (!_enumMode && !_omissions.Allows(_service, typeName, wireName))
                {
                    Problem(memberPath, $"the model's member '{wireName}' is missing from {typeName} and not in DeliberateOmissions.txt");
                }
                continue;
            }
            if (!_enumMode && property.IsRequired != required.Contains(wireName))
            {
                Problem(memberPath, required.Contains(wireName)
                    ? "the model requires this member; the property must be `required` (always present)"
                    : "the model does not require this member; the property must not be `required`");
            }
            Check(info.Options.GetTypeInfo(property.PropertyType), Resolve(memberNode!.AsObject()), BotoMember(boto, wireName), memberPath);
        }

        if (!_enumMode)
        {
            foreach (var property in info.Properties.Where(p => !members.ContainsKey(p.Name)))
            {
                Problem($"{path}.{property.Name}", $"{typeName} has '{property.Name}', which the model does not have");
            }
        }
    }

    private void CheckScalar(Type clrType, string modelType, JsonObject? boto, string path)
    {
        var t = Nullable.GetUnderlyingType(clrType) ?? clrType;
        var constantInterface = t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAwsConstant<>));
        if (_enumMode)
        {
            if (modelType != "string")
            {
                return;
            }
            var modelEnum = boto?["enum"]?.AsArray().Select(v => (string)v!).ToList();
            var ours = constantInterface is null ? null : KnownValues(t);
            if (modelEnum is null && ours is not null)
            {
                Problem(path, boto is null
                    ? $"{t.Name} is an enum, but botocore's model does not have this member to check its values"
                    : $"{t.Name} is an enum, but the model's shape is a plain string");
            }
            else if (modelEnum is not null && ours is null)
            {
                Problem(path, $"the model's enum [{string.Join(", ", modelEnum)}] is a plain {t.Name} here");
            }
            else if (modelEnum is not null && ours is not null && !modelEnum.SequenceEqual(ours))
            {
                Problem(path, $"{t.Name} knows [{string.Join(", ", ours)}]; the model has [{string.Join(", ", modelEnum)}]");
            }
            return;
        }

        var expected = modelType switch
        {
            "string" => constantInterface is not null ? t : typeof(string),
            "integer" => typeof(int),
            "long" => typeof(long),
            "double" or "float" => typeof(double),
            "boolean" => typeof(bool),
            "timestamp" => typeof(DateTimeOffset),
            "blob" => typeof(byte[]),
            _ => null,
        };
        if (expected != t)
        {
            Problem(path, $"the model's type is {modelType}; the property is {Describe(clrType)}");
        }
    }

    private static List<string> KnownValues(Type constantType)
    {
        var property = constantType.GetProperty("KnownValues")!;
        var values = (System.Collections.IEnumerable)property.GetValue(null)!;
        return values.Cast<object>().Select(v => v.ToString()!).ToList();
    }

    /// <summary>A member of aws-sdk's minified model with its shape references followed and merged.</summary>
    private JsonObject Resolve(JsonObject member)
    {
        var result = new JsonObject();
        var current = member;
        var seen = 0;
        while (true)
        {
            foreach (var (key, value) in current)
            {
                if (key != "shape" && !result.ContainsKey(key))
                {
                    result[key] = value?.DeepClone();
                }
            }
            if (current["shape"] is not JsonValue reference || ++seen > 32)
            {
                return result;
            }
            current = _npmShapes[reference.GetValue<string>()]!.AsObject();
        }
    }

    private JsonObject? BotoShape(string name) => _botoShapes?[name]?.AsObject();

    private JsonObject? BotoMember(JsonObject? botoShape, string member)
    {
        var reference = member switch
        {
            "member" or "key" or "value" when botoShape?["members"] is null => botoShape?[member]?["shape"],
            _ => botoShape?["members"]?[member]?["shape"],
        };
        return reference is JsonValue name ? BotoShape(name.GetValue<string>()) : null;
    }

    private void Problem(string path, string message) => _problems.Add($"{path}: {message}");

    private static string Describe(Type type) =>
        Nullable.GetUnderlyingType(type) is { } inner ? inner.Name + "?" : type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
            : type.Name;
}

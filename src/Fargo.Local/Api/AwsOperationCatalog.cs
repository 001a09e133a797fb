using System.Collections.Frozen;
using Fargo.Aws;

namespace Fargo.Local.Api;

/// <summary>
/// The operations AWS's own models give each service Fargo.Aws describes (Api/aws-operations.txt, generated from npm
/// aws-sdk's models). It tells an operation the local region does not implement — answered with a clear refusal that
/// names it — from a name no AWS service has, which gets AWS's own unknown-operation error.
/// </summary>
internal sealed class AwsOperationCatalog
{
    public const string ResourceName = "Fargo.Local.aws-operations.txt";

    private readonly FrozenDictionary<string, FrozenSet<string>> _operations;

    private AwsOperationCatalog(FrozenDictionary<string, FrozenSet<string>> operations) => _operations = operations;

    /// <summary>The catalog embedded in this assembly.</summary>
    public static AwsOperationCatalog Embedded { get; } = Load();

    /// <summary>The lines of the catalog as the embedded file holds them (comments left out).</summary>
    public static IEnumerable<(string ServiceId, string Operation)> Parse(string text) =>
        text.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], parts[1]));

    public bool Has(AwsServiceDescription service, string operation) =>
        _operations.TryGetValue(service.ServiceId, out var operations) && operations.Contains(operation);

    /// <summary>What the local region answers for an operation of AWS's model that it does not implement.</summary>
    public static AwsServerError NotImplemented(AwsServiceDescription service, string operation) =>
        new(
            "NotImplementedByLocalRegion",
            $"The local region does not implement {service.ServiceId}'s {operation} operation (docs/local-region-api.md lists what it implements).",
            400);

    private static AwsOperationCatalog Load()
    {
        using var stream = typeof(AwsOperationCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from Fargo.Local.");
        using var reader = new StreamReader(stream);
        var operations = Parse(reader.ReadToEnd())
            .GroupBy(line => line.ServiceId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(line => line.Operation).ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return new AwsOperationCatalog(operations);
    }
}

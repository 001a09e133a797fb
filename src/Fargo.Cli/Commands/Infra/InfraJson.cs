using System.Text.Json.Serialization;

namespace Fargo.Cli.Commands.Infra;

// The documents `fargo infra … --output json` prints on stdout. Paths are absolute.

/// <summary>`infra synth`: where the assemblies went, and for each environment its stacks and templates.</summary>
internal sealed record InfraSynthJson(string OutputDirectory, IReadOnlyList<InfraAssemblyJson> Environments);

/// <summary>One environment's cloud assembly.</summary>
internal sealed record InfraAssemblyJson(string Name, string Account, string Region, string Assembly, IReadOnlyList<InfraStackJson> Stacks);

/// <summary>One stack: its CloudFormation name, its template file, and how many resources the template declares.</summary>
internal sealed record InfraStackJson(string Name, string Template, int Resources);

/// <summary>`infra diff`: what was printed while comparing, line by line (the toolkit's diff; on first use, its installation too).</summary>
internal sealed record InfraDiffJson(string Environment, string Account, string Region, string Assembly, IReadOnlyList<string> Stacks, IReadOnlyList<string> Output);

/// <summary>
/// `infra up` of one service: the image kept (left out when there was none yet) and the service stack's outputs (the CI/CD
/// stacks of --oidc and --pipeline have no service). Several services: an array of these, in deploy order.
/// </summary>
internal sealed record InfraUpJson(
    string Environment,
    string Account,
    string Region,
    string Assembly,
    IReadOnlyList<string> Stacks,
    string? LiveImage,
    IReadOnlyDictionary<string, string> Outputs,
    string? Service = null);

/// <summary>`infra down`: the stacks deleted and what was emptied first.</summary>
internal sealed record InfraDownJson(string Environment, string Account, string Region, IReadOnlyList<string> Stacks, IReadOnlyList<EmptiedResource> Emptied);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NewLine = "\n")]
[JsonSerializable(typeof(InfraSynthJson))]
[JsonSerializable(typeof(InfraDiffJson))]
[JsonSerializable(typeof(InfraUpJson))]
[JsonSerializable(typeof(IReadOnlyList<InfraUpJson>))]
[JsonSerializable(typeof(InfraDownJson))]
internal sealed partial class InfraJsonContext : JsonSerializerContext;

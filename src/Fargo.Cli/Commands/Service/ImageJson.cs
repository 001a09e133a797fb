using System.Text.Json.Serialization;

namespace Fargo.Cli.Commands.Service;

/// <summary>`fargo build --output json` for an AWS environment (also with --dry-run: then only the commands).</summary>
internal sealed record ImageBuildJson(
    string Service,
    string Environment,
    string Version,
    string Image,
    string Platform,
    string Source,
    string? Engine,
    bool DryRun,
    IReadOnlyList<IReadOnlyList<string>> Commands,
    bool? Tested = null,
    double? ElapsedSeconds = null);

/// <summary>`fargo push --output json` for an AWS environment.</summary>
internal sealed record ImagePushJson(
    string Service,
    string Environment,
    string Version,
    string Image,
    bool DryRun,
    IReadOnlyList<IReadOnlyList<string>> Commands,
    string? Digest = null,
    string? PinnedImage = null,
    bool? RepositoryCreated = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NewLine = "\n")]
[JsonSerializable(typeof(ImageBuildJson))]
[JsonSerializable(typeof(IReadOnlyList<ImageBuildJson>))]
[JsonSerializable(typeof(ImagePushJson))]
[JsonSerializable(typeof(IReadOnlyList<ImagePushJson>))]
internal sealed partial class ImageJsonContext : JsonSerializerContext;

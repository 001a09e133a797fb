using System.Text.Json.Serialization;

namespace Fargo.Local.Api;

/// <summary>The answer of the unsigned ping: that this is a Fargo engine, and its pid.</summary>
public sealed record EnginePing(
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("pid")] int ProcessId);

/// <summary>The answer of an image import: the image's digest and its URIs in the local registry.</summary>
public sealed record ImportImageResult(
    [property: JsonPropertyName("repositoryName")] string RepositoryName,
    [property: JsonPropertyName("imageTag")] string ImageTag,
    [property: JsonPropertyName("imageDigest")] string ImageDigest,
    [property: JsonPropertyName("imageUri")] string ImageUri,
    [property: JsonPropertyName("taggedImageUri")] string TaggedImageUri,
    [property: JsonPropertyName("imageSizeInBytes")] long ImageSizeInBytes);

[JsonSerializable(typeof(EnginePing))]
[JsonSerializable(typeof(ImportImageResult))]
[JsonSerializable(typeof(Sts.TaskCredentialsResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

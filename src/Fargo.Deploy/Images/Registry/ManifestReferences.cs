using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Fargo.Deploy.Images.Registry;

/// <summary>Something a manifest names by digest: a blob (config, layer, file), or a child manifest (an index's).</summary>
public sealed record ManifestReference(string Digest, long? Size, string? MediaType);

/// <summary>What a manifest references, so a copy can carry all of it.</summary>
public sealed record ManifestContent(IReadOnlyList<ManifestReference> Manifests, IReadOnlyList<ManifestReference> Blobs);

/// <summary>
/// The media types a promote copies, and what each kind of manifest references: Docker v2 and OCI image manifests
/// (config and layers), Docker manifest lists and OCI indexes (child manifests, e.g. one per platform), and the local
/// region's Fargo artifact manifests (each file's content, by its SHA-256).
/// </summary>
public static class ManifestReferences
{
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>The local region's image manifest (Fargo.Local's ArtifactManifest.MediaType).</summary>
    public const string FargoArtifactManifest = "application/vnd.fargo.artifact.manifest.v1+text";

    /// <summary>What a promote asks registries for (the Accept header, BatchGetImage's acceptedMediaTypes).</summary>
    public static readonly IReadOnlyList<string> Accepted = [DockerManifest, DockerManifestList, OciManifest, OciIndex, FargoArtifactManifest];

    /// <summary>Layers that live outside the registry (Windows base layers): never in the registry, so never copied.</summary>
    private static readonly string[] ForeignLayers =
    [
        "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
        "application/vnd.oci.image.layer.nondistributable.v1.tar",
        "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
        "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
    ];

    public static bool IsIndex(string mediaType) => mediaType is DockerManifestList or OciIndex;

    /// <summary>The references of a manifest of <paramref name="mediaType"/>; unknown media types are refused.</summary>
    public static ManifestContent Read(ReadOnlySpan<byte> manifest, string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        var type = mediaType.Split(';')[0].Trim();
        return type switch
        {
            FargoArtifactManifest => ReadArtifact(Encoding.UTF8.GetString(manifest)),
            DockerManifest or OciManifest or DockerManifestList or OciIndex => ReadJson(manifest, type),
            _ => throw new DeployException($"The image's manifest is of media type {mediaType}, which Fargo cannot copy between registries.",
                "Copy it with your registry tooling (e.g. crane copy), then deploy it by digest."),
        };
    }

    private static ManifestContent ReadJson(ReadOnlySpan<byte> manifest, string type)
    {
        using var document = JsonDocument.Parse(manifest.ToArray());
        var root = document.RootElement;
        if (IsIndex(type))
        {
            var children = root.TryGetProperty("manifests", out var list) ? list.EnumerateArray().Select(Reference).ToList() : [];
            return new ManifestContent(children, []);
        }

        var blobs = new List<ManifestReference>();
        if (root.TryGetProperty("config", out var config))
        {
            blobs.Add(Reference(config));
        }

        if (root.TryGetProperty("layers", out var layers))
        {
            blobs.AddRange(layers.EnumerateArray()
                .Where(l => !(l.TryGetProperty("mediaType", out var m) && ForeignLayers.Contains(m.GetString())))
                .Select(Reference));
        }

        return new ManifestContent([], [.. blobs.DistinctBy(b => b.Digest)]);
    }

    private static ManifestReference Reference(JsonElement descriptor) => new(
        descriptor.GetProperty("digest").GetString() ?? throw new DeployException("A manifest names a descriptor without a digest."),
        descriptor.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : null,
        descriptor.TryGetProperty("mediaType", out var media) ? media.GetString() : null);

    /// <summary>"f MODE SIZE SHA256 PATH" lines: each file's content is a blob, addressed by its SHA-256.</summary>
    private static ManifestContent ReadArtifact(string text)
    {
        var blobs = new List<ManifestReference>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split('\t');
            if (fields is ["f", _, var size, var hash, _])
            {
                blobs.Add(new ManifestReference("sha256:" + hash, long.Parse(size, CultureInfo.InvariantCulture), null));
            }
        }

        return new ManifestContent([], [.. blobs.DistinctBy(b => b.Digest)]);
    }
}

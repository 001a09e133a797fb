namespace Fargo.Deploy.Images.Registry;

/// <summary>What a registry-to-registry copy did.</summary>
/// <param name="Manifests">Manifests put (the image's, and an index's children).</param>
/// <param name="BlobsCopied">Blobs the destination did not have, copied.</param>
/// <param name="BlobsPresent">Blobs the destination already had.</param>
/// <param name="BytesCopied">Bytes of the blobs copied.</param>
public sealed record CopyReport(int Manifests, int BlobsCopied, int BlobsPresent, long BytesCopied);

/// <summary>
/// Copies one image, by digest, from a repository of one registry into a repository of another, through the Docker
/// Registry HTTP API: for an index, each child manifest first; for each manifest, the blobs the destination lacks
/// (streamed from source to destination, their digests checked), then the manifest itself, byte for byte, so the
/// destination's digest is the source's — which the destination must confirm.
/// </summary>
public static class ImageCopier
{
    public static async Task<CopyReport> CopyAsync(
        RegistryClient source,
        string sourceRepository,
        RegistryClient destination,
        string destinationRepository,
        string digest,
        string? tag,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var report = new CopyReport(0, 0, 0, 0);
        report = await CopyManifestAsync(source, sourceRepository, destination, destinationRepository, digest, tag ?? digest, report, depth: 0, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static async Task<CopyReport> CopyManifestAsync(
        RegistryClient source,
        string sourceRepository,
        RegistryClient destination,
        string destinationRepository,
        string digest,
        string reference,
        CopyReport report,
        int depth,
        CancellationToken cancellationToken)
    {
        if (depth > 2)
        {
            throw new DeployException($"The image {digest} nests indexes more than two deep; Fargo does not copy such images.");
        }

        var manifest = await source.GetManifestAsync(sourceRepository, digest, cancellationToken).ConfigureAwait(false);
        var content = ManifestReferences.Read(manifest.Content, manifest.MediaType);
        foreach (var child in content.Manifests)
        {
            var present = await destination.HeadManifestAsync(destinationRepository, child.Digest, cancellationToken).ConfigureAwait(false);
            if (present is null)
            {
                report = await CopyManifestAsync(source, sourceRepository, destination, destinationRepository, child.Digest, child.Digest, report, depth + 1, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var blob in content.Blobs)
        {
            if (await destination.BlobExistsAsync(destinationRepository, blob.Digest, cancellationToken).ConfigureAwait(false))
            {
                report = report with { BlobsPresent = report.BlobsPresent + 1 };
                continue;
            }

            using var download = await source.GetBlobAsync(sourceRepository, blob.Digest, cancellationToken).ConfigureAwait(false);
            var size = blob.Size ?? download.Content.Headers.ContentLength;
            var stream = await download.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var bytes = await destination.UploadBlobAsync(destinationRepository, blob.Digest, size, stream, cancellationToken).ConfigureAwait(false);
                report = report with { BlobsCopied = report.BlobsCopied + 1, BytesCopied = report.BytesCopied + bytes };
            }
        }

        var stored = await destination.PutManifestAsync(destinationRepository, reference, manifest, cancellationToken).ConfigureAwait(false);
        if (stored is not null && stored != manifest.Digest)
        {
            throw new DeployException(
                $"The registry {destination.Host} stored the manifest of {manifest.Digest} as {stored}: the digest changed on the way, so it is not the same image.",
                "Nothing runs it yet. Check that the destination registry accepts the media type " + manifest.MediaType + " unchanged.");
        }

        return report with { Manifests = report.Manifests + 1 };
    }
}

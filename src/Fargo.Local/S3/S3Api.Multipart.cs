using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace Fargo.Local.S3;

internal sealed partial class S3Api
{
    /// <summary>The smallest a part may be, except the last.</summary>
    public const long MinPartSize = 5 * 1024 * 1024;

    private S3Response CreateMultipartUpload(S3Request request)
    {
        var algorithm = S3Checksums.Normalize(request.Header("x-amz-checksum-algorithm"));
        var upload = store.CreateUpload(request.Bucket, request.Key, Attributes(request), algorithm, request.Header("x-amz-checksum-type")?.ToUpperInvariant());
        var headers = new List<KeyValuePair<string, string>>();
        if (algorithm is not null)
        {
            headers.Add(new("x-amz-checksum-algorithm", algorithm));
            headers.Add(new("x-amz-checksum-type", upload.ChecksumType!));
        }

        return new S3Response(200, headers, new XElement(Ns + "InitiateMultipartUploadResult",
            new XElement(Ns + "Bucket", request.Bucket),
            new XElement(Ns + "Key", request.Key),
            new XElement(Ns + "UploadId", upload.UploadId)));
    }

    private async Task<S3Response> UploadPartAsync(S3Request request)
    {
        var upload = store.GetUpload(request.Bucket, request.Key, request.Param("uploadId")!);
        if (!int.TryParse(request.Param("partNumber"), NumberStyles.None, CultureInfo.InvariantCulture, out var partNumber))
        {
            throw S3Exception.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", request.Param("partNumber") ?? "");
        }

        if (request.Header("x-amz-copy-source") is not null)
        {
            var (source, sourceHeaders) = CopySource(request);
            var range = request.Header("x-amz-copy-source-range");
            var (start, length) = range is null ? (0L, source.Size) : S3ObjectReader.ParseRange(range, source.Size) ?? throw S3Exception.InvalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy", "x-amz-copy-source-range", range);
            StagedBlob copied;
            await using (var file = store.OpenRead(source))
            {
                file.Seek(start, SeekOrigin.Begin);
                await using var slice = new SliceStream(file, length);
                copied = await store.StageAsync(slice, upload.ChecksumAlgorithm, request.Http.RequestAborted).ConfigureAwait(false);
            }

            var copiedPart = store.PutPart(request.Bucket, request.Key, upload.UploadId, partNumber, copied);
            return new S3Response(200, sourceHeaders, new XElement(Ns + "CopyPartResult",
                new XElement(Ns + "LastModified", Iso(copiedPart.LastModified)),
                new XElement(Ns + "ETag", copiedPart.ETag)));
        }

        var staged = await StageBodyAsync(request, upload.ChecksumAlgorithm).ConfigureAwait(false);
        var part = store.PutPart(request.Bucket, request.Key, upload.UploadId, partNumber, staged);
        var headers = new List<KeyValuePair<string, string>> { new("ETag", part.ETag) };
        if (upload.ChecksumAlgorithm is { } algorithm && part.ChecksumValue is { } value)
        {
            headers.Add(new(S3Checksums.HeaderOf(algorithm), value));
        }

        return new S3Response(200, headers);
    }

    private S3Response AbortMultipartUpload(S3Request request)
    {
        store.AbortUpload(request.Bucket, request.Key, request.Param("uploadId")!);
        return new S3Response(204, []);
    }

    private S3Response ListParts(S3Request request)
    {
        var upload = store.GetUpload(request.Bucket, request.Key, request.Param("uploadId")!);
        var maxParts = int.TryParse(request.Param("max-parts"), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? Math.Min(m, 1000) : 1000;
        var marker = int.TryParse(request.Param("part-number-marker"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        var parts = upload.Parts.Where(part => part.PartNumber > marker).ToList();
        var page = parts.Take(maxParts).ToList();
        var xml = new XElement(Ns + "ListPartsResult",
            new XElement(Ns + "Bucket", request.Bucket),
            new XElement(Ns + "Key", request.Key),
            new XElement(Ns + "UploadId", upload.UploadId),
            new XElement(Ns + "PartNumberMarker", marker),
            new XElement(Ns + "NextPartNumberMarker", page.Count > 0 ? page[^1].PartNumber : marker),
            new XElement(Ns + "MaxParts", maxParts),
            new XElement(Ns + "IsTruncated", parts.Count > page.Count ? "true" : "false"),
            new XElement(Ns + "StorageClass", "STANDARD"),
            Owner(),
            new XElement(Ns + "Initiator", new XElement(Ns + "ID", OwnerId), new XElement(Ns + "DisplayName", "local")));
        if (upload.ChecksumAlgorithm is not null)
        {
            xml.Add(new XElement(Ns + "ChecksumAlgorithm", upload.ChecksumAlgorithm), new XElement(Ns + "ChecksumType", upload.ChecksumType));
        }

        foreach (var part in page)
        {
            var element = new XElement(Ns + "Part",
                new XElement(Ns + "PartNumber", part.PartNumber),
                new XElement(Ns + "LastModified", Iso(part.LastModified)),
                new XElement(Ns + "ETag", part.ETag),
                new XElement(Ns + "Size", part.Size));
            if (upload.ChecksumAlgorithm is { } algorithm && part.ChecksumValue is { } value)
            {
                element.Add(new XElement(Ns + "Checksum" + algorithm, value));
            }

            xml.Add(element);
        }

        return new S3Response(200, [], xml);
    }

    private S3Response ListMultipartUploads(S3Request request)
    {
        var prefix = request.Param("prefix") ?? "";
        var uploads = store.ListUploads(request.Bucket).Where(u => u.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var xml = new XElement(Ns + "ListMultipartUploadsResult",
            new XElement(Ns + "Bucket", request.Bucket),
            new XElement(Ns + "KeyMarker", request.Param("key-marker") ?? ""),
            new XElement(Ns + "UploadIdMarker", request.Param("upload-id-marker") ?? ""),
            new XElement(Ns + "Prefix", prefix),
            new XElement(Ns + "MaxUploads", 1000),
            new XElement(Ns + "IsTruncated", "false"));
        foreach (var upload in uploads)
        {
            xml.Add(new XElement(Ns + "Upload",
                new XElement(Ns + "Key", upload.Key),
                new XElement(Ns + "UploadId", upload.UploadId),
                new XElement(Ns + "Initiator", new XElement(Ns + "ID", OwnerId), new XElement(Ns + "DisplayName", "local")),
                Owner(),
                new XElement(Ns + "StorageClass", "STANDARD"),
                new XElement(Ns + "Initiated", Iso(upload.Initiated))));
        }

        return new S3Response(200, [], xml);
    }

    /// <summary>
    /// Joins the listed parts into the object: each must exist with the ETag given, in ascending order, every part but
    /// the last at least 5 MiB. The ETag is the MD5 of the parts' MD5s, "-N"; a COMPOSITE checksum likewise.
    /// </summary>
    private async Task<S3Response> CompleteMultipartUploadAsync(S3Request request)
    {
        var bucket = store.GetBucket(request.Bucket);
        var upload = store.GetUpload(request.Bucket, request.Key, request.Param("uploadId")!);
        var document = ParseXml(await ReadSmallBodyAsync(request).ConfigureAwait(false));
        var listed = document.Elements().Where(e => e.Name.LocalName == "Part").Select(e =>
        {
            var number = int.TryParse(e.Elements().FirstOrDefault(x => x.Name.LocalName == "PartNumber")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw S3Exception.MalformedXml();
            return (Number: number, ETag: e.Elements().FirstOrDefault(x => x.Name.LocalName == "ETag")?.Value ?? throw S3Exception.MalformedXml());
        }).ToList();
        if (listed.Count == 0)
        {
            throw S3Exception.MalformedXml();
        }

        var parts = new List<PartRecord>();
        for (var i = 0; i < listed.Count; i++)
        {
            if (i > 0 && listed[i].Number <= listed[i - 1].Number)
            {
                throw new S3Exception("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.", 400, ("UploadId", upload.UploadId));
            }

            var part = upload.Parts.FirstOrDefault(p => p.PartNumber == listed[i].Number);
            if (part is null || part.ETag.Trim('"') != listed[i].ETag.Trim().Trim('"'))
            {
                throw new S3Exception("InvalidPart", "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.", 400,
                    ("UploadId", upload.UploadId), ("PartNumber", listed[i].Number.ToString(CultureInfo.InvariantCulture)), ("ETag", listed[i].ETag));
            }

            parts.Add(part);
        }

        if (parts.SkipLast(1).FirstOrDefault(p => p.Size < MinPartSize) is { } small)
        {
            throw new S3Exception("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.", 400,
                ("ProposedSize", small.Size.ToString(CultureInfo.InvariantCulture)), ("MinSizeAllowed", MinPartSize.ToString(CultureInfo.InvariantCulture)),
                ("PartNumber", small.PartNumber.ToString(CultureInfo.InvariantCulture)), ("ETag", small.ETag));
        }

        var fullObject = upload.ChecksumType == "FULL_OBJECT" ? upload.ChecksumAlgorithm : null;
        StagedBlob staged;
        await using (var joined = new ConcatenatedStream(parts.Select(p => store.BlobPath(p.BlobId)).ToList()))
        {
            staged = await store.StageAsync(joined, fullObject, request.Http.RequestAborted).ConfigureAwait(false);
        }

        var etag = $"\"{Convert.ToHexStringLower(S3Checksums.Md5(parts.SelectMany(p => Convert.FromHexString(p.ETag.Trim('"'))).ToArray()))}-{parts.Count}\"";
        string? checksumType = null;
        if (upload.ChecksumAlgorithm is { } algorithm && fullObject is null && parts.All(p => p.ChecksumValue is not null))
        {
            var composite = S3Checksums.Of(algorithm, parts.SelectMany(p => Convert.FromBase64String(p.ChecksumValue!)).ToArray());
            staged = staged with { ChecksumAlgorithm = algorithm, ChecksumValue = $"{composite}-{parts.Count}" };
            checksumType = "COMPOSITE";
        }

        var version = store.PutObject(request.Bucket, request.Key, staged, new ObjectAttributes(upload.ContentType, upload.Headers, upload.Metadata), etag, checksumType, parts.Count);
        store.FinishUpload(upload);
        var headers = new List<KeyValuePair<string, string>>();
        AddVersionHeader(headers, bucket, version);
        var result = new XElement(Ns + "CompleteMultipartUploadResult",
            new XElement(Ns + "Location", $"/{request.Bucket}/{Uri.EscapeDataString(request.Key)}"),
            new XElement(Ns + "Bucket", request.Bucket),
            new XElement(Ns + "Key", request.Key),
            new XElement(Ns + "ETag", version.ETag));
        if (version.ChecksumAlgorithm is { } stored)
        {
            result.Add(new XElement(Ns + "Checksum" + stored, version.ChecksumValue), new XElement(Ns + "ChecksumType", version.ChecksumType));
        }

        return new S3Response(200, headers, result);
    }
}

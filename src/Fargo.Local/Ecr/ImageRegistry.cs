using Fargo.Local.Api;
using Fargo.Local.Artifacts;
using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.Ecr;

internal sealed class ImageRecord
{
    public required string Digest { get; init; }
    public List<string> Tags { get; set; } = [];
    public required DateTimeOffset PushedAt { get; set; }
    public required long SizeInBytes { get; init; }
}

internal sealed class RepositoryRecord
{
    public required string Name { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string ImageTagMutability { get; set; } = "MUTABLE";
    public bool ScanOnPush { get; set; }
    public string? LifecyclePolicyText { get; set; }
    public string? PolicyText { get; set; }
    public List<KeyValuePair<string, string>> Tags { get; set; } = [];
    public List<ImageRecord> Images { get; set; } = [];

    public string Arn => $"arn:{LocalRegionConstants.Partition}:ecr:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:repository/{Name}";

    public string Uri => ImageReference.UriOf(Name);
}

/// <summary>An image id as ECR's requests carry it: a digest, a tag, or both.</summary>
internal sealed record ImageId(string? Digest, string? Tag);

internal sealed record ImageIdFailure(ImageId ImageId, string FailureCode, string FailureReason);

/// <summary>What BatchGetImage and PutImage return for one image.</summary>
internal sealed record ImageManifestResult(string Repository, ImageId ImageId, string Manifest, string MediaType);

/// <summary>
/// ECR, locally: repositories holding images whose content lives in the <see cref="ArtifactStore"/>.
/// An image's manifest is the artifact's canonical manifest, so its digest is the artifact's digest and
/// the usual retag (BatchGetImage, then PutImage with the manifest and a new tag) works as on ECR.
/// </summary>
internal sealed class ImageRegistry : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly DocumentTable<RepositoryRecord> _table;
    private readonly ArtifactStore _artifacts;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, RepositoryRecord> _repositories = new(StringComparer.Ordinal);

    public ImageRegistry(string databasePath, ArtifactStore artifacts, TimeProvider time)
    {
        _artifacts = artifacts;
        _time = time;
        _connection = StateDatabase.Open(databasePath);
        _table = new DocumentTable<RepositoryRecord>(_connection, "ecr_repositories", LocalJsonContext.Default.RepositoryRecord);
        _table.LoadInto(_connection, _repositories, r => r.Name);
    }

    public ArtifactStore Artifacts => _artifacts;

    public void Dispose() => _connection.Dispose();

    public RepositoryRecord CreateRepository(string name, string? tagMutability, bool scanOnPush, IReadOnlyList<KeyValuePair<string, string>>? tags)
    {
        ValidateRepositoryName(name);
        if (tagMutability is not null and not ("MUTABLE" or "IMMUTABLE"))
        {
            throw new LocalServiceException("InvalidParameterException", $"Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE]'");
        }

        lock (_gate)
        {
            if (_repositories.ContainsKey(name))
            {
                throw new LocalServiceException("RepositoryAlreadyExistsException",
                    $"The repository with name '{name}' already exists in the registry with id '{LocalRegionConstants.Account}'");
            }

            var repository = new RepositoryRecord
            {
                Name = name,
                CreatedAt = _time.GetUtcNow(),
                ImageTagMutability = tagMutability ?? "MUTABLE",
                ScanOnPush = scanOnPush,
                Tags = tags is null ? [] : [.. tags],
            };
            Save(repository);
            return repository;
        }
    }

    public (IReadOnlyList<RepositoryRecord> Repositories, string? NextToken) DescribeRepositories(IReadOnlyList<string>? names, int? maxResults, string? nextToken)
    {
        if (names is { Count: > 0 } && (maxResults is not null || nextToken is not null))
        {
            throw new LocalServiceException("InvalidParameterException", "Invalid parameter: nextToken and maxResults cannot be used with repositoryNames");
        }

        lock (_gate)
        {
            if (names is { Count: > 0 })
            {
                return (names.Select(RequireRepository).ToList(), null);
            }

            var pageSize = maxResults ?? 100;
            if (pageSize is < 1 or > 1000)
            {
                throw new LocalServiceException("InvalidParameterException", "Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value less than or equal to 1000'");
            }

            var all = _repositories.Values.ToList();
            var start = DecodeIndex(nextToken);
            var page = all.Skip(start).Take(pageSize).ToList();
            return (page, start + pageSize < all.Count ? EncodeIndex(start + pageSize) : null);
        }
    }

    public RepositoryRecord DeleteRepository(string name, bool force)
    {
        lock (_gate)
        {
            var repository = RequireRepository(name);
            if (repository.Images.Count > 0 && !force)
            {
                throw new LocalServiceException("RepositoryNotEmptyException",
                    $"The repository with name '{name}' in registry with id '{LocalRegionConstants.Account}' cannot be deleted because it still contains images");
            }

            using (var transaction = _connection.BeginTransaction())
            {
                _table.Delete(_connection, transaction, name);
                transaction.Commit();
            }

            _repositories.Remove(name);
            return repository;
        }
    }

    /// <summary>PutImageTagMutability: from now on, pushing a tag that exists fails (IMMUTABLE) or moves it (MUTABLE).</summary>
    public RepositoryRecord SetTagMutability(string name, string mutability)
    {
        if (mutability is not ("MUTABLE" or "IMMUTABLE"))
        {
            throw new LocalServiceException("InvalidParameterException", $"Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE]'");
        }

        return Change(name, r => r.ImageTagMutability = mutability);
    }

    /// <summary>PutImageScanningConfiguration. The flag is kept and reported; the local region has no scanner, so no findings appear.</summary>
    public RepositoryRecord SetScanOnPush(string name, bool scanOnPush) => Change(name, r => r.ScanOnPush = scanOnPush);

    /// <summary>PutLifecyclePolicy: validated as ECR validates it, and applied at once (ECR applies it within a day).</summary>
    public RepositoryRecord PutLifecyclePolicy(string name, string policyText)
    {
        LifecyclePolicy.Parse(policyText);
        return Change(name, r =>
        {
            r.LifecyclePolicyText = policyText;
            ExpireByLifecyclePolicy(r);
        });
    }

    /// <summary>
    /// Applies every repository's lifecycle policy; returns how many images went. ECR does this within a day of a
    /// push; the local region at each push and on the engine's housekeeping round.
    /// </summary>
    public int ApplyLifecyclePolicies()
    {
        lock (_gate)
        {
            var total = 0;
            foreach (var repository in _repositories.Values)
            {
                var expired = ExpireByLifecyclePolicy(repository);
                if (expired > 0)
                {
                    Save(repository);
                    total += expired;
                }
            }

            return total;
        }
    }

    /// <summary>The digests of every image some repository holds.</summary>
    public IReadOnlySet<string> ReferencedDigests()
    {
        lock (_gate)
        {
            return _repositories.Values.SelectMany(r => r.Images).Select(i => i.Digest).ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>Removes the images the repository's policy expires now (their content stays in the image store).</summary>
    private int ExpireByLifecyclePolicy(RepositoryRecord repository)
    {
        if (repository.LifecyclePolicyText is not { } text)
        {
            return 0;
        }

        LifecyclePolicy policy;
        try
        {
            policy = LifecyclePolicy.Parse(text);
        }
        catch (LocalServiceException)
        {
            // Stored before policies were validated rule by rule: kept, not applied, until PutLifecyclePolicy replaces it.
            return 0;
        }

        var expired = policy.Expired(repository.Images, _time.GetUtcNow());
        foreach (var image in expired)
        {
            repository.Images.Remove(image);
        }

        return expired.Count;
    }

    public string GetLifecyclePolicy(string name)
    {
        lock (_gate)
        {
            return RequireRepository(name).LifecyclePolicyText
                ?? throw new LocalServiceException("LifecyclePolicyNotFoundException", $"Lifecycle policy does not exist for the repository with name '{name}' in the registry with id '{LocalRegionConstants.Account}'");
        }
    }

    /// <summary>SetRepositoryPolicy: a JSON policy document with Statement, kept and returned (IAM evaluation of it is not local yet).</summary>
    public RepositoryRecord SetRepositoryPolicy(string name, string policyText)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(policyText);
            if (!document.RootElement.TryGetProperty("Statement", out _))
            {
                throw new LocalServiceException("InvalidParameterException", "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
            }
        }
        catch (System.Text.Json.JsonException)
        {
            throw new LocalServiceException("InvalidParameterException", "Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
        }

        return Change(name, r => r.PolicyText = policyText);
    }

    public (RepositoryRecord Repository, string PolicyText) GetRepositoryPolicy(string name)
    {
        lock (_gate)
        {
            var repository = RequireRepository(name);
            return (repository, repository.PolicyText ?? throw NoPolicy(name));
        }
    }

    public string DeleteRepositoryPolicy(string name)
    {
        lock (_gate)
        {
            var repository = RequireRepository(name);
            var policy = repository.PolicyText ?? throw NoPolicy(name);
            repository.PolicyText = null;
            Save(repository);
            return policy;
        }
    }

    /// <summary>TagResource / UntagResource / ListTagsForResource on a repository, by its ARN.</summary>
    public void TagRepository(string arn, IReadOnlyList<KeyValuePair<string, string>> tags) =>
        Change(RepositoryOfArn(arn), r => r.Tags = [.. r.Tags.Where(t => !tags.Any(n => n.Key == t.Key)), .. tags]);

    public void UntagRepository(string arn, IReadOnlyList<string> keys) =>
        Change(RepositoryOfArn(arn), r => r.Tags = [.. r.Tags.Where(t => !keys.Contains(t.Key))]);

    public IReadOnlyList<KeyValuePair<string, string>> TagsOfRepository(string arn)
    {
        lock (_gate)
        {
            return [.. RequireRepository(RepositoryOfArn(arn)).Tags];
        }
    }

    private static string RepositoryOfArn(string arn)
    {
        var prefix = $"arn:{LocalRegionConstants.Partition}:ecr:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:repository/";
        return arn.StartsWith(prefix, StringComparison.Ordinal) && arn.Length > prefix.Length
            ? arn[prefix.Length..]
            : throw new LocalServiceException("InvalidParameterException", $"Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN {arn}: a repository of this registry is {prefix}NAME'");
    }

    private static LocalServiceException NoPolicy(string name) =>
        new("RepositoryPolicyNotFoundException", $"Repository policy does not exist for the repository with name '{name}' in the registry with id '{LocalRegionConstants.Account}'");

    private RepositoryRecord Change(string name, Action<RepositoryRecord> change)
    {
        lock (_gate)
        {
            var repository = RequireRepository(name);
            change(repository);
            Save(repository);
            return repository;
        }
    }

    /// <summary>Stores an uploaded artifact and tags it in a repository (created when missing).</summary>
    public async Task<(RepositoryRecord Repository, ImageRecord Image)> ImportAsync(string repositoryName, string tag, Stream tar, Func<Task>? beforeCommit, CancellationToken cancellationToken)
    {
        ValidateRepositoryName(repositoryName);
        ValidateTag(tag);
        var manifest = await _artifacts.ImportAsync(tar, beforeCommit, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (!_repositories.TryGetValue(repositoryName, out var repository))
            {
                repository = new RepositoryRecord { Name = repositoryName, CreatedAt = _time.GetUtcNow() };
            }

            var image = Tag(repository, manifest.Digest, manifest.TotalFileBytes, tag, allowSameTag: true);
            Save(repository);
            return (repository, image);
        }
    }

    public (IReadOnlyList<ImageRecord> Images, string? NextToken) DescribeImages(
        string repositoryName, IReadOnlyList<ImageId>? imageIds, string? tagStatus, int? maxResults, string? nextToken)
    {
        lock (_gate)
        {
            var repository = RequireRepository(repositoryName);
            if (imageIds is { Count: > 0 })
            {
                return (imageIds.Select(id => FindImage(repository, id)
                    ?? throw new LocalServiceException("ImageNotFoundException",
                        $"The image with imageId {{imageDigest:'{id.Digest ?? "null"}', imageTag:'{id.Tag ?? "null"}'}} does not exist within the repository with name '{repositoryName}' in the registry with id '{LocalRegionConstants.Account}'"))
                    .Distinct().ToList(), null);
            }

            var images = repository.Images
                .Where(i => tagStatus switch
                {
                    "TAGGED" => i.Tags.Count > 0,
                    "UNTAGGED" => i.Tags.Count == 0,
                    _ => true,
                })
                .OrderByDescending(i => i.PushedAt)
                .ToList();
            var pageSize = maxResults ?? 100;
            var start = DecodeIndex(nextToken);
            var page = images.Skip(start).Take(pageSize).ToList();
            return (page, start + pageSize < images.Count ? EncodeIndex(start + pageSize) : null);
        }
    }

    /// <summary>ListImages: one identifier per tag of each image (an untagged image by its digest alone), newest first.</summary>
    public (IReadOnlyList<ImageId> ImageIds, string? NextToken) ListImages(string repositoryName, string? tagStatus, int? maxResults, string? nextToken)
    {
        if (maxResults is < 1 or > 1000)
        {
            throw new LocalServiceException("InvalidParameterException", $"1 validation error detected: Value '{maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000");
        }

        lock (_gate)
        {
            var ids = RequireRepository(repositoryName).Images
                .Where(i => tagStatus switch
                {
                    "TAGGED" => i.Tags.Count > 0,
                    "UNTAGGED" => i.Tags.Count == 0,
                    _ => true,
                })
                .OrderByDescending(i => i.PushedAt)
                .SelectMany(i => i.Tags.Count == 0 ? [new ImageId(i.Digest, null)] : i.Tags.Select(tag => new ImageId(i.Digest, tag)))
                .ToList();
            var pageSize = maxResults ?? 100;
            var start = DecodeIndex(nextToken);
            return (ids.Skip(start).Take(pageSize).ToList(), start + pageSize < ids.Count ? EncodeIndex(start + pageSize) : null);
        }
    }

    public (IReadOnlyList<ImageManifestResult> Images, IReadOnlyList<ImageIdFailure> Failures) BatchGetImage(string repositoryName, IReadOnlyList<ImageId> imageIds)
    {
        lock (_gate)
        {
            var repository = RequireRepository(repositoryName);
            var found = new List<ImageManifestResult>();
            var failures = new List<ImageIdFailure>();
            foreach (var id in imageIds)
            {
                var image = FindImage(repository, id);
                if (image is null)
                {
                    failures.Add(Mismatch(repository, id) ?? new ImageIdFailure(id, "ImageNotFound", "Requested image not found"));
                    continue;
                }

                var manifest = _artifacts.TryGetManifest(image.Digest);
                if (manifest is null)
                {
                    failures.Add(new ImageIdFailure(id, "ImageNotFound", "Requested image not found"));
                    continue;
                }

                found.Add(new ImageManifestResult(repositoryName, new ImageId(image.Digest, id.Tag), manifest.Text, ArtifactManifest.MediaType));
            }

            return (found, failures);
        }
    }

    public ImageManifestResult PutImage(string repositoryName, string manifestText, string? tag, string? expectedDigest)
    {
        if (tag is not null)
        {
            ValidateTag(tag);
        }

        var digest = ArtifactManifest.DigestOf(manifestText);
        if (expectedDigest is not null && expectedDigest != digest)
        {
            throw new LocalServiceException("ImageDigestDoesNotMatchException",
                $"The specified image digest '{expectedDigest}' does not match the digest '{digest}' of the manifest.");
        }

        if (!ArtifactManifest.LooksLikeManifest(manifestText))
        {
            throw new LocalServiceException("InvalidParameterException",
                "Invalid parameter at 'imageManifest' failed to satisfy constraint: 'the local registry only holds Fargo artifact manifests (as BatchGetImage returns them)'");
        }

        var manifest = _artifacts.TryGetManifest(digest)
            ?? throw new LocalServiceException("LayersNotFoundException",
                $"The artifact {digest} is not in the local image store; import it first with 'fargo local import DIR {repositoryName}:TAG'.");

        lock (_gate)
        {
            var repository = RequireRepository(repositoryName);
            var existing = repository.Images.Find(i => i.Digest == digest);
            if (existing is not null && (tag is null || existing.Tags.Contains(tag)))
            {
                throw new LocalServiceException("ImageAlreadyExistsException",
                    $"Image with digest '{digest}' {(tag is null ? "" : $"and tag '{tag}' ")}already exists in the repository with name '{repositoryName}' in registry with id '{LocalRegionConstants.Account}'");
            }

            var image = Tag(repository, digest, manifest.TotalFileBytes, tag, allowSameTag: false);
            Save(repository);
            return new ImageManifestResult(repositoryName, new ImageId(image.Digest, tag), manifest.Text, ArtifactManifest.MediaType);
        }
    }

    public (IReadOnlyList<ImageId> Deleted, IReadOnlyList<ImageIdFailure> Failures) BatchDeleteImage(string repositoryName, IReadOnlyList<ImageId> imageIds)
    {
        lock (_gate)
        {
            var repository = RequireRepository(repositoryName);
            var deleted = new List<ImageId>();
            var failures = new List<ImageIdFailure>();
            foreach (var id in imageIds)
            {
                var image = FindImage(repository, id);
                if (image is null)
                {
                    failures.Add(Mismatch(repository, id) ?? new ImageIdFailure(id, "ImageNotFound", "Requested image not found"));
                    continue;
                }

                if (id.Digest is null && id.Tag is not null && image.Tags.Count > 1)
                {
                    // Deleting by tag removes the tag; the image goes with its last tag.
                    image.Tags.Remove(id.Tag);
                    deleted.Add(new ImageId(image.Digest, id.Tag));
                    continue;
                }

                repository.Images.Remove(image);
                if (image.Tags.Count == 0)
                {
                    deleted.Add(new ImageId(image.Digest, null));
                }

                deleted.AddRange(image.Tags.Select(t => new ImageId(image.Digest, t)));
            }

            Save(repository);
            return (deleted, failures);
        }
    }

    /// <summary>Whether the repository exists (the Registry API answers NAME_UNKNOWN otherwise).</summary>
    public bool RepositoryExists(string name)
    {
        lock (_gate)
        {
            return _repositories.ContainsKey(name);
        }
    }

    /// <summary>The Registry API's manifest GET: the image a tag or digest names in a repository, or null.</summary>
    public ArtifactManifest? GetManifest(string repositoryName, string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        string? digest;
        lock (_gate)
        {
            var repository = RequireRepository(repositoryName);
            var isDigest = reference.StartsWith("sha256:", StringComparison.Ordinal);
            digest = FindImage(repository, isDigest ? new ImageId(reference, null) : new ImageId(null, reference))?.Digest;
        }

        return digest is null ? null : _artifacts.TryGetManifest(digest);
    }

    /// <summary>
    /// The Registry API's manifest PUT: builds the artifact from the blobs the manifest names (all must have been
    /// pushed, or be held by stored images), stores it and tags it. The image is then the same as an imported one with
    /// that content: same digest, same folder. A PUT by digest stores it untagged; putting what is already there is
    /// not an error, as on ECR.
    /// </summary>
    public async Task<ImageManifestResult> PutManifestAsync(string repositoryName, string reference, string manifestText, Func<string, string?> blobPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var byDigest = reference.StartsWith("sha256:", StringComparison.Ordinal);
        if (!byDigest)
        {
            ValidateTag(reference);
        }

        lock (_gate)
        {
            RequireRepository(repositoryName);
        }

        var digest = ArtifactManifest.DigestOf(manifestText);
        if (byDigest && reference != digest)
        {
            throw new LocalServiceException("ImageDigestDoesNotMatchException",
                $"The specified image digest '{reference}' does not match the digest '{digest}' of the manifest.");
        }

        var manifest = await _artifacts.AssembleAsync(manifestText, blobPath, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var repository = RequireRepository(repositoryName);
            var tag = byDigest ? null : reference;
            var image = Tag(repository, manifest.Digest, manifest.TotalFileBytes, tag, allowSameTag: false);
            Save(repository);
            return new ImageManifestResult(repositoryName, new ImageId(image.Digest, tag), manifest.Text, ArtifactManifest.MediaType);
        }
    }

    /// <summary>GetAuthorizationToken: a token the local registry's Registry API (/v2/ on the engine's endpoint) accepts as Basic credentials.</summary>
    public static (string Token, DateTimeOffset ExpiresAt, string ProxyEndpoint) GetAuthorizationToken(RegistryTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var (token, expiresAt) = tokens.Issue();
        return (token, expiresAt, "https://" + LocalRegionConstants.RegistryHost);
    }

    /// <summary>The digest an image reference resolves to now, or null when the registry doesn't have it.</summary>
    public string? Resolve(ImageReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        lock (_gate)
        {
            if (!_repositories.TryGetValue(reference.Repository, out var repository))
            {
                return null;
            }

            return FindImage(repository, new ImageId(reference.Digest, reference.Digest is null ? reference.Tag : null))?.Digest;
        }
    }

    // ---- helpers ----

    private ImageRecord Tag(RepositoryRecord repository, string digest, long size, string? tag, bool allowSameTag)
    {
        var image = repository.Images.Find(i => i.Digest == digest);
        if (tag is not null)
        {
            var holder = repository.Images.Find(i => i.Tags.Contains(tag));
            if (holder is not null && holder.Digest != digest)
            {
                if (repository.ImageTagMutability == "IMMUTABLE")
                {
                    throw new LocalServiceException("ImageTagAlreadyExistsException",
                        $"The image tag '{tag}' already exists in the '{repository.Name}' repository and cannot be overwritten because the repository is immutable.");
                }

                holder.Tags.Remove(tag);
            }
        }

        if (image is null)
        {
            image = new ImageRecord { Digest = digest, PushedAt = _time.GetUtcNow(), SizeInBytes = size };
            repository.Images.Add(image);
        }
        else if (allowSameTag)
        {
            image.PushedAt = _time.GetUtcNow();
        }

        if (tag is not null && !image.Tags.Contains(tag))
        {
            image.Tags.Add(tag);
        }

        ExpireByLifecyclePolicy(repository);
        return image;
    }

    private static ImageRecord? FindImage(RepositoryRecord repository, ImageId id)
    {
        if (id.Digest is not null)
        {
            var byDigest = repository.Images.Find(i => i.Digest == id.Digest);
            return byDigest is not null && (id.Tag is null || byDigest.Tags.Contains(id.Tag)) ? byDigest : null;
        }

        return id.Tag is null ? null : repository.Images.Find(i => i.Tags.Contains(id.Tag));
    }

    private static ImageIdFailure? Mismatch(RepositoryRecord repository, ImageId id) =>
        id.Digest is not null && id.Tag is not null && repository.Images.Exists(i => i.Digest == id.Digest)
            ? new ImageIdFailure(id, "ImageTagDoesNotMatchDigest", "Invalid image tag for image digest")
            : null;

    private RepositoryRecord RequireRepository(string name) =>
        _repositories.TryGetValue(name, out var repository)
            ? repository
            : throw new LocalServiceException("RepositoryNotFoundException",
                $"The repository with name '{name}' does not exist in the registry with id '{LocalRegionConstants.Account}'");

    private void Save(RepositoryRecord repository)
    {
        using var transaction = _connection.BeginTransaction();
        _table.Put(_connection, transaction, repository.Name, repository);
        transaction.Commit();
        _repositories[repository.Name] = repository;
    }

    private static void ValidateRepositoryName(string name)
    {
        if (name is null || name.Length is < 2 or > 256 || !ImageReference.RepositoryPattern().IsMatch(name))
        {
            throw new LocalServiceException("InvalidParameterException",
                "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
        }
    }

    private static void ValidateTag(string tag)
    {
        if (!ImageReference.TagPattern().IsMatch(tag))
        {
            throw new LocalServiceException("InvalidParameterException",
                "Invalid parameter at 'imageTag' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9-_.]+' and have length between 1 and 300'");
        }
    }

    private static int DecodeIndex(string? token)
    {
        if (token is null)
        {
            return 0;
        }

        return int.TryParse(token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index
            : throw new LocalServiceException("InvalidParameterException", "Invalid parameter at 'nextToken'");
    }

    private static string EncodeIndex(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

using System.Text.Json;
using Fargo.Aws;
using Fargo.Aws.CloudWatchLogs;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.SecretsManager;
using Fargo.Aws.Ssm;
using Fargo.Config.Model;
using Fargo.Deploy.Aws;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Images;
using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Operations;

public enum CheckStatus
{
    Passed,
    Failed,

    /// <summary>Not checked, and the detail says why.</summary>
    NotChecked,
}

/// <summary>One preflight check: what, how it came out, and the detail that explains it.</summary>
public sealed record PreflightCheck(string Name, CheckStatus Status, string Detail);

/// <summary>
/// `fargo verify`: everything a deploy needs, checked before one is tried: the cluster and the service exist, the CI roles
/// may do what the pipeline calls (<see cref="CiRoleCheck"/>: IAM's policy simulation), the image exists for the task's
/// platform, every secret the task will get exists, the log group exists, and the target group's port is the container's.
/// Secrets are checked with GetParameters without decryption (SSM) and DescribeSecret (Secrets Manager): their values are
/// never read, so a Secrets Manager secret's JSON key is not checked, only the secret.
/// </summary>
public static class Preflight
{
    /// <param name="target">The environment and service.</param>
    /// <param name="imageUri">The image a deploy would run; null: the one that runs now.</param>
    /// <param name="ciRoles">The environment's CI roles and what each must be allowed, or why it has none.</param>
    /// <param name="cancellationToken">Cancels the checks.</param>
    public static async Task<IReadOnlyList<PreflightCheck>> RunAsync(DeployTarget target, string? imageUri, CiRoles ciRoles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var spec = target.Spec;
        var checks = new List<PreflightCheck>();

        var cluster = await TryAsync(() => target.Apis.Ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = [spec.Cluster] }, cancellationToken));
        var clusterActive = cluster.Value?.Clusters?.Any(c => c.Status == "ACTIVE") == true;
        checks.Add(new("cluster", clusterActive ? CheckStatus.Passed : CheckStatus.Failed,
            clusterActive ? $"{spec.Cluster} is ACTIVE" : cluster.Error ?? $"{spec.Cluster} does not exist"));

        Service? service = null;
        if (clusterActive)
        {
            var described = await TryAsync(() => target.Apis.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = spec.Cluster, Services = [spec.Service] }, cancellationToken));
            service = described.Value?.Services?.FirstOrDefault(s => s.Status == "ACTIVE");
            checks.Add(new("service", service is not null ? CheckStatus.Passed : CheckStatus.Failed,
                service is not null ? $"{spec.Service} is ACTIVE ({service.RunningCount}/{service.DesiredCount} tasks running)" : described.Error ?? $"{spec.Service} does not exist in {spec.Cluster}"));
        }
        else
        {
            checks.Add(new("service", CheckStatus.Failed, "no cluster to look in"));
        }

        checks.Add(await CiRoleCheck.RunAsync(target.Apis.Iam, ciRoles, cancellationToken));

        var image = imageUri ?? (service is null ? null : await ServiceStatusReader.ImageOfAsync(target, service.TaskDefinition, cancellationToken));
        checks.Add(await CheckImageAsync(target, image, cancellationToken));
        checks.Add(await CheckSecretsAsync(target, cancellationToken));
        checks.Add(await CheckLogGroupAsync(target, cancellationToken));
        checks.Add(await CheckTargetGroupAsync(target, service, cancellationToken));
        return checks;
    }

    private static async Task<PreflightCheck> CheckImageAsync(DeployTarget target, string? image, CancellationToken cancellationToken)
    {
        const string name = "image";
        if (image is null)
        {
            return new(name, CheckStatus.NotChecked, "no image given (--version or --image) and no running task definition to take it from");
        }

        ResolvedImage resolved;
        try
        {
            resolved = await ImageResolver.ResolveUriAsync(target, image, cancellationToken);
        }
        catch (DeployException e)
        {
            return new(name, CheckStatus.Failed, e.Message);
        }

        if (target.Environment.IsLocal)
        {
            return new(name, CheckStatus.Passed, $"{resolved.Uri} is in the local registry (local images run on this machine's platform)");
        }

        var reference = ImageReference.Parse(resolved.Uri);
        if (reference.Ecr is null)
        {
            return new(name, CheckStatus.NotChecked, $"{resolved.Uri} is not in ECR: its existence and platform are not checked");
        }

        var platform = target.Spec.Platform;
        if (resolved.MediaType is "application/vnd.docker.distribution.manifest.list.v2+json" or "application/vnd.oci.image.index.v1+json")
        {
            var batch = await target.Apis.Ecr.BatchGetImageAsync(new BatchGetImageRequest
            {
                RegistryId = reference.Ecr.Value.Account,
                RepositoryName = reference.Repository,
                ImageIds = [new ImageIdentifier { ImageDigest = resolved.Digest }],
                AcceptedMediaTypes = [resolved.MediaType],
            }, cancellationToken);
            var platforms = Platforms(batch.Images.Head()?.ImageManifest);
            return platforms.Contains(platform, StringComparer.Ordinal)
                ? new(name, CheckStatus.Passed, $"{resolved.Uri} has a {platform} image")
                : new(name, CheckStatus.Failed, $"{resolved.Uri} has images for {string.Join(", ", platforms)}, not {platform}");
        }

        return new(name, CheckStatus.Passed, $"{resolved.Uri} exists; a single-platform image (its architecture is in its config blob, which ECR's API does not show: make sure it was built for {platform})");
    }

    private static async Task<PreflightCheck> CheckSecretsAsync(DeployTarget target, CancellationToken cancellationToken)
    {
        const string name = "secrets";
        var spec = target.Spec;
        var underPath = await Deployer.ParametersUnderAsync(target.Apis.Ssm, spec.SecretsPath, cancellationToken);
        var explicitSsm = spec.ExplicitSecrets.Values.Where(v => !v.StartsWith("arn:", StringComparison.Ordinal) || v.Contains(":ssm:", StringComparison.Ordinal)).ToList();
        var secretsManager = spec.ExplicitSecrets.Values.Where(v => v.StartsWith("arn:", StringComparison.Ordinal) && v.Contains(":secretsmanager:", StringComparison.Ordinal))
            .Select(SecretArn)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var otherAccounts = explicitSsm.Where(v => Arn.TryParse(v) is { } arn && arn.Account != target.Environment.Account).Distinct(StringComparer.Ordinal).ToList();
        var missing = (await MissingParametersAsync(target.Apis.Ssm, [.. explicitSsm.Except(otherAccounts, StringComparer.Ordinal)], cancellationToken)).ToList();

        var detail = $"{underPath.Count} under {spec.SecretsPath}, {explicitSsm.Count} from [secrets]"
            + (otherAccounts.Count > 0 ? $" ({otherAccounts.Count} shared from another account, not checked: DescribeParameters lists this account's only)" : "");
        if (secretsManager.Count > 0 && target.Apis.SecretsManager is { } secretsManagerApi)
        {
            detail += $", {secretsManager.Count} Secrets Manager secret(s) from [secrets]";
            foreach (var arn in secretsManager)
            {
                if (await MissingSecretAsync(secretsManagerApi, arn, cancellationToken) is { } problem)
                {
                    missing.Add(problem);
                }
            }
        }
        else if (secretsManager.Count > 0)
        {
            detail += $"; {secretsManager.Count} Secrets Manager secret(s) not checked (no Secrets Manager client)";
        }

        return missing.Count == 0
            ? new(name, CheckStatus.Passed, detail)
            : new(name, CheckStatus.Failed, $"missing: {string.Join(", ", missing)} ({detail})");
    }

    /// <summary>
    /// The [secrets] parameters (names or ARNs of this account) that do not exist. DescribeParameters' Name filter reads
    /// names only, never values, so the deploy role needs nothing beyond ssm:DescribeParameters for it (GetParameters would
    /// need read access to every parameter [secrets] names, outside the service's own path too).
    /// </summary>
    private static async Task<IReadOnlyList<string>> MissingParametersAsync(ISsmApi ssm, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        // The Name filter takes at most 50 values; an ARN stands for up to two names (below).
        foreach (var chunk in references.Distinct(StringComparer.Ordinal).Chunk(25))
        {
            var request = new DescribeParametersRequest
            {
                ParameterFilters = [new ParameterStringFilter { Key = "Name", Option = "Equals", Values = [.. chunk.SelectMany(NamesOf).Distinct(StringComparer.Ordinal)] }],
                MaxResults = 50,
            };
            while (true)
            {
                var page = await ssm.DescribeParametersAsync(request, cancellationToken);
                found.UnionWith((page.Parameters ?? []).Select(p => p.Name).OfType<string>());
                if (page.NextToken is null)
                {
                    break;
                }

                request = request with { NextToken = page.NextToken };
            }
        }

        return [.. references.Distinct(StringComparer.Ordinal).Where(reference => !NamesOf(reference).Any(found.Contains))];
    }

    /// <summary>
    /// The parameter names a [secrets] value may stand for: a name is itself; an ARN's "parameter/a/b" is the name "/a/b"
    /// (the ARN of a name that starts with "/" does not repeat it); "parameter/a" is "/a" or "a" (a name without a path
    /// need not start with "/", one with a path must).
    /// </summary>
    internal static IEnumerable<string> NamesOf(string reference)
    {
        const string marker = ":parameter/";
        var at = reference.StartsWith("arn:", StringComparison.Ordinal) ? reference.IndexOf(marker, StringComparison.Ordinal) : -1;
        if (at < 0)
        {
            yield return reference;
            yield break;
        }

        var tail = reference[(at + marker.Length)..];
        yield return "/" + tail;
        if (!tail.Contains('/'))
        {
            yield return tail;
        }
    }

    /// <summary>The secret of a task's reference to it (<see cref="SecretsManagerValueFrom"/>), or the reference as written when it names none.</summary>
    internal static string SecretArn(string reference) => SecretsManagerValueFrom.TryParse(reference)?.Secret.ToString() ?? reference;

    /// <summary>Null when the secret exists and is not scheduled for deletion; else what is wrong with it, for the report.</summary>
    private static async Task<string?> MissingSecretAsync(ISecretsManagerApi secretsManager, string arn, CancellationToken cancellationToken)
    {
        try
        {
            var described = await secretsManager.DescribeSecretAsync(new DescribeSecretRequest { SecretId = arn }, cancellationToken);
            // ECS cannot fetch a secret marked for deletion: the task would not start.
            return described.DeletedDate is null ? null : $"{arn} (scheduled for deletion)";
        }
        catch (AwsServiceException e) when (e.Code == "ResourceNotFoundException")
        {
            return arn;
        }
    }

    private static async Task<PreflightCheck> CheckLogGroupAsync(DeployTarget target, CancellationToken cancellationToken)
    {
        var group = target.Spec.LogGroup;
        var found = await target.Apis.Logs.DescribeLogGroupsAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = group }, cancellationToken);
        return found.LogGroups?.Any(g => g.LogGroupName == group) == true
            ? new("log group", CheckStatus.Passed, $"{group} exists")
            : new("log group", CheckStatus.Failed, $"{group} does not exist: tasks could not write their logs");
    }

    private static async Task<PreflightCheck> CheckTargetGroupAsync(DeployTarget target, Service? service, CancellationToken cancellationToken)
    {
        const string name = "target group";
        var balancers = service?.LoadBalancers ?? [];
        if (service is null)
        {
            return new(name, CheckStatus.NotChecked, "no service to look at");
        }

        if (balancers.Count == 0)
        {
            return new(name, CheckStatus.NotChecked, "the service has no load balancer");
        }

        var problems = new List<string>();
        var (expectedContainer, expectedPort) = target.Spec.BalancedContainer is { } balanced ? (balanced.Container, (int?)balanced.Port) : (target.Spec.ContainerName, target.Spec.Port);
        foreach (var balancer in balancers)
        {
            if (balancer.ContainerPort != expectedPort || balancer.ContainerName != expectedContainer)
            {
                problems.Add($"the service sends traffic to {balancer.ContainerName}:{balancer.ContainerPort}, the container is {expectedContainer}:{expectedPort}");
            }

            if (balancer.TargetGroupArn is { } arn)
            {
                var group = await TryAsync(() => target.Apis.Elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [arn] }, cancellationToken));
                var port = group.Value?.TargetGroups.Head()?.Port;
                if (group.Error is not null)
                {
                    problems.Add(group.Error);
                }
                else if (port != expectedPort)
                {
                    problems.Add($"target group port {port} is not the container port {expectedPort}");
                }
            }
        }

        return problems.Count == 0
            ? new(name, CheckStatus.Passed, $"port {expectedPort}, the container's")
            : new(name, CheckStatus.Failed, string.Join("; ", problems));
    }

    /// <summary>"os/arch" of every image of a manifest list or OCI index.</summary>
    internal static IReadOnlyList<string> Platforms(string? manifest)
    {
        if (manifest is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(manifest);
        if (!document.RootElement.TryGetProperty("manifests", out var manifests))
        {
            return [];
        }

        return [.. manifests.EnumerateArray()
            .Where(m => m.TryGetProperty("platform", out _))
            .Select(m => m.GetProperty("platform"))
            .Select(p => $"{p.GetProperty("os").GetString()}/{p.GetProperty("architecture").GetString()}")
            .Where(p => p != "unknown/unknown")];
    }

    private static async Task<(T? Value, string? Error)> TryAsync<T>(Func<Task<T>> call)
        where T : class
    {
        try
        {
            return (await call(), null);
        }
        catch (AwsServiceException e) when (e.HttpStatus is >= 400 and < 500)
        {
            return (null, $"{e.Code}: {e.Message}");
        }
    }
}

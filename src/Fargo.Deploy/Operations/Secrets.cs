using System.Text.RegularExpressions;
using Fargo.Aws;
using Fargo.Aws.Ssm;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Operations;

/// <summary>A secret under the secrets path, as `fargo secret list` shows it: never its value.</summary>
public sealed record SecretEntry(string Name, string Parameter, string Type, long? Version, DateTimeOffset? LastModified);

/// <summary>
/// `fargo secret set|list|rm NAME`: SecureString parameters under the service's secrets path, which the next deploy
/// hands to the task as the environment variable NAME. Values are written, never read back.
/// </summary>
public static partial class Secrets
{
    public static string ParameterName(ServiceSpec spec, string name)
    {
        ArgumentNullException.ThrowIfNull(spec);
        CheckName(name);
        return spec.SecretsPath.TrimEnd('/') + "/" + name;
    }

    /// <summary>Stores the value; returns the parameter's new version.</summary>
    public static async Task<long?> SetAsync(DeployTarget target, string name, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            throw new DeployUsageException("The value is empty: SSM Parameter Store does not store empty values.");
        }

        var parameter = ParameterName(target.Spec, name);
        var response = await target.Apis.Ssm.PutParameterAsync(new PutParameterRequest
        {
            Name = parameter,
            Value = value,
            Type = ParameterType.SecureString,
            Overwrite = true,
            Description = $"Secret {name} of {target.Spec.Name} (fargo secret set)",
        }, cancellationToken);
        return response.Version;
    }

    public static async Task<IReadOnlyList<SecretEntry>> ListAsync(DeployTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var path = target.Spec.SecretsPath.TrimEnd('/');
        var entries = new List<SecretEntry>();
        var request = new DescribeParametersRequest
        {
            ParameterFilters = [new ParameterStringFilter { Key = "Path", Option = "Recursive", Values = [path.Length == 0 ? "/" : path] }],
            MaxResults = 50,
        };
        while (true)
        {
            var page = await target.Apis.Ssm.DescribeParametersAsync(request, cancellationToken);
            entries.AddRange((page.Parameters ?? []).Where(p => p.Name is not null).Select(p => new SecretEntry(
                p.Name![(p.Name!.LastIndexOf('/') + 1)..],
                p.Name,
                p.Type?.Value ?? "",
                p.Version,
                p.LastModifiedDate)));
            if (page.NextToken is null)
            {
                return [.. entries.OrderBy(e => e.Name, StringComparer.Ordinal)];
            }

            request = request with { NextToken = page.NextToken };
        }
    }

    public static async Task RemoveAsync(DeployTarget target, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var parameter = ParameterName(target.Spec, name);
        try
        {
            await target.Apis.Ssm.DeleteParameterAsync(new DeleteParameterRequest { Name = parameter }, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Code == "ParameterNotFound")
        {
            throw new DeployException($"There is no secret {name} ({parameter}) on {target.Environment.Describe()}.", "fargo secret list shows the secrets there are.", e);
        }
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || !SecretName().IsMatch(name))
        {
            throw new DeployUsageException(
                $"'{name}' cannot be a secret name: it becomes an environment variable, so it must be letters, digits and underscores, not starting with a digit.",
                "For example: fargo secret set API_KEY");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();
}

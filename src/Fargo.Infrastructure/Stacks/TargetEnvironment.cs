using System.Text.RegularExpressions;
using Fargo.Config.Model;

namespace Fargo.Infrastructure.Stacks;

/// <summary>
/// What the stacks need to know about an environment beyond the raw settings, checked once: where it lives,
/// whether it is prod-like (requires_approval: stateful resources are kept and protected), and how HTTPS and
/// DNS are set up. The local environment is one too: account 000000000000, region "local".
/// </summary>
internal sealed record TargetEnvironment(
    string Name,
    string Account,
    string Region,
    bool ProdLike,
    HttpsMode Https,
    string? Domain,
    HostedZoneReference? HostedZone,
    bool IsLocal = false)
{
    public static TargetEnvironment From(ServiceSettings settings)
    {
        var environment = settings.Environment;
        if (environment.IsLocal)
        {
            // The same stacks as on AWS, for the local region's account and region; the local CloudFormation deploys them.
            environment = environment with
            {
                Account = string.IsNullOrWhiteSpace(environment.Account) ? LocalRegionIdentity.Account : environment.Account,
                Region = string.IsNullOrWhiteSpace(environment.Region) ? LocalRegionIdentity.Region : environment.Region,
            };
        }

        if (string.IsNullOrWhiteSpace(environment.Account) || string.IsNullOrWhiteSpace(environment.Region))
        {
            throw new InfrastructureConfigurationException(
                $"environment '{environment.Name}' needs an account and a region for `fargo infra` ([environments.{environment.Name}] account = \"123456789012\", region = \"us-east-1\")");
        }

        var network = settings.Network;
        HostedZoneReference? zone = string.IsNullOrWhiteSpace(network.HostedZone) ? null : HostedZoneReference.Parse(network.HostedZone);
        var domain = string.IsNullOrWhiteSpace(network.Domain) ? null : network.Domain.TrimEnd('.');

        HttpsMode https;
        if (!string.IsNullOrWhiteSpace(network.Certificate))
        {
            https = HttpsMode.ExistingCertificate;
        }
        else if (domain is not null)
        {
            if (zone is null)
            {
                throw new InfrastructureConfigurationException(
                    $"environment '{environment.Name}': domain '{domain}' needs either certificate (an ACM certificate ARN) or hosted_zone (the Route 53 hosted zone that holds the domain, for a DNS-validated certificate)");
            }

            https = HttpsMode.NewDnsValidatedCertificate;
        }
        else
        {
            https = HttpsMode.None;
        }

        return new TargetEnvironment(environment.Name, environment.Account!, environment.Region!, environment.RequiresApproval, https, domain, zone, environment.IsLocal);
    }

    /// <summary>The alias record exists when there is a domain and a zone to put it in.</summary>
    public bool HasDnsRecord => Domain is not null && HostedZone is not null;
}

internal enum HttpsMode
{
    /// <summary>No certificate and no domain: the load balancer answers plain HTTP on port 80 only.</summary>
    None,
    ExistingCertificate,
    NewDnsValidatedCertificate,
}

/// <summary>A Route 53 hosted zone given either by id ("Z…") or by name ("example.com").</summary>
internal sealed partial record HostedZoneReference(string? Id, string? Name)
{
    public static HostedZoneReference Parse(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.StartsWith("/hostedzone/", StringComparison.Ordinal))
        {
            trimmed = trimmed["/hostedzone/".Length..];
        }

        return ZoneId().IsMatch(trimmed) ? new HostedZoneReference(trimmed, null) : new HostedZoneReference(null, trimmed.TrimEnd('.'));
    }

    [GeneratedRegex("^Z[A-Z0-9]{4,31}$")]
    private static partial Regex ZoneId();
}

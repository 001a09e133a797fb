using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Fargo.Aws;
using Fargo.Aws.Endpoints;
using Fargo.Aws.Http;
using Fargo.Cli.Errors;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// Finds the id of a public Route 53 hosted zone by its name (ListHostedZonesByName), for a fargo.toml that names its
/// hosted_zone ("example.com") rather than giving its id: synthesis is offline, so the environment stack takes the id as
/// a parameter that `infra up` fills in. Fargo.Aws has no Route 53 client; this one request goes through its signed
/// HTTP client, and the response is read as AWS's model (route53-2013-04-01) describes it.
/// </summary>
internal static class HostedZoneLookup
{
    /// <summary>Route 53 as AWS's model describes it: REST-XML, a global endpoint, signed in us-east-1 (cn-northwest-1 in China).</summary>
    internal static AwsServiceDescription Route53 { get; } = new(
        "Route 53", "route53", "route53", AwsProtocol.Query, null, "2013-04-01", "ROUTE_53", "https://route53.amazonaws.com/doc/2013-04-01/");

    private static readonly XNamespace Xmlns = "https://route53.amazonaws.com/doc/2013-04-01/";

    /// <summary>The zone's id without the "/hostedzone/" prefix, e.g. "Z0123456789ABCDEFGHIJ".</summary>
    public static async Task<string> FindPublicZoneIdAsync(AwsClientOptions environmentOptions, string zoneName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environmentOptions);
        ArgumentException.ThrowIfNullOrWhiteSpace(zoneName);
        var china = environmentOptions.Region.StartsWith("cn-", StringComparison.Ordinal);
        var options = environmentOptions with
        {
            Region = china ? "cn-northwest-1" : "us-east-1",
            Endpoints = new GlobalEndpoint(environmentOptions.Endpoints, china),
        };
        using var http = new AwsHttpClient(options);
        var name = Normalize(zoneName);
        var publicZones = new List<string>();
        var privateZones = 0;
        string? nextName = name;
        string? nextId = null;
        while (nextName is not null)
        {
            var query = $"dnsname={Uri.EscapeDataString(nextName)}&maxitems=100" + (nextId is null ? "" : $"&hostedzoneid={Uri.EscapeDataString(nextId)}");
            var response = await http.SendAsync(
                Route53,
                "ListHostedZonesByName",
                new AwsHttpRequest(HttpMethod.Get, "/2013-04-01/hostedzonesbyname", query, [], ReadOnlyMemory<byte>.Empty, "application/xml"),
                cancellationToken);
            var page = Parse(response.Body);
            var matching = page.Zones.Where(zone => Normalize(zone.Name) == name).ToList();
            publicZones.AddRange(matching.Where(zone => !zone.Private).Select(zone => zone.Id));
            privateZones += matching.Count(zone => zone.Private);
            // Zones come sorted by name: once a page holds another name, no later page holds ours.
            var onlyOurs = page.Zones.Count > 0 && page.Zones.All(zone => Normalize(zone.Name) == name);
            (nextName, nextId) = page.Truncated && onlyOurs ? (page.NextName, page.NextId) : (null, null);
        }

        return publicZones.Count switch
        {
            1 => publicZones[0],
            0 => throw new UsageException(
                $"Route 53 has no public hosted zone named {name.TrimEnd('.')} in this account{(privateZones > 0 ? $" (only {privateZones} private one{(privateZones == 1 ? "" : "s")}, which cannot validate a certificate)" : "")}.",
                "Create the public hosted zone, or set network.certificate to an existing ACM certificate ARN in fargo.toml."),
            _ => throw new UsageException(
                $"Route 53 has {publicZones.Count} public hosted zones named {name.TrimEnd('.')}: {string.Join(", ", publicZones)}.",
                "Set network.hosted_zone to the id of the one to use (Z…) in fargo.toml."),
        };
    }

    /// <summary>One page of a ListHostedZonesByName response.</summary>
    internal static HostedZonePage Parse(byte[] body)
    {
        XElement root;
        try
        {
            root = XDocument.Parse(Encoding.UTF8.GetString(body)).Root
                ?? throw new AwsProtocolException("Route 53", "ListHostedZonesByName", "an empty document");
        }
        catch (XmlException e)
        {
            throw new AwsProtocolException("Route 53", "ListHostedZonesByName", $"a response that is not XML: {e.Message}", e);
        }

        var zones = root.Element(Xmlns + "HostedZones")?.Elements(Xmlns + "HostedZone").Select(zone => new HostedZone(
            StripPrefix((string?)zone.Element(Xmlns + "Id") ?? throw new AwsProtocolException("Route 53", "ListHostedZonesByName", "a hosted zone without an Id")),
            (string?)zone.Element(Xmlns + "Name") ?? throw new AwsProtocolException("Route 53", "ListHostedZonesByName", "a hosted zone without a Name"),
            string.Equals((string?)zone.Element(Xmlns + "Config")?.Element(Xmlns + "PrivateZone"), "true", StringComparison.OrdinalIgnoreCase))).ToList() ?? [];
        var truncated = string.Equals((string?)root.Element(Xmlns + "IsTruncated"), "true", StringComparison.OrdinalIgnoreCase);
        return new HostedZonePage(zones, truncated, (string?)root.Element(Xmlns + "NextDNSName"), (string?)root.Element(Xmlns + "NextHostedZoneId"));
    }

    private static string Normalize(string name) => name.Trim().TrimEnd('.').ToLower(CultureInfo.InvariantCulture) + ".";

    private static string StripPrefix(string id) => id.StartsWith("/hostedzone/", StringComparison.Ordinal) ? id["/hostedzone/".Length..] : id;

    /// <summary>Route 53's one endpoint, unless the user configured another (AWS_ENDPOINT_URL_ROUTE_53 and the like).</summary>
    private sealed class GlobalEndpoint(IAwsEndpointResolver configured, bool china) : IAwsEndpointResolver
    {
        public AwsResolvedEndpoint Resolve(AwsServiceDescription service, string region)
        {
            var resolved = configured.Resolve(service, region);
            return resolved.Source == AwsEndpointSource.Default
                ? new AwsResolvedEndpoint(new Uri(china ? "https://route53.amazonaws.com.cn" : "https://route53.amazonaws.com"), AwsEndpointSource.Default)
                : resolved;
        }
    }
}

internal sealed record HostedZone(string Id, string Name, bool Private);

internal sealed record HostedZonePage(IReadOnlyList<HostedZone> Zones, bool Truncated, string? NextName, string? NextId);

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>
/// The local ACM through the official AWS CLI: a template's AWS::CertificateManager::Certificate is issued for its
/// domain by the local certificate authority and served by the HTTPS listener that names it; a client
/// that trusts FARGO_HOME/local/acm/ca-cert.pem verifies it. ACM's own calls describe it, refuse to delete it while a
/// listener uses it, and answer ACM's errors.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class CertificateManagerTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    private const string Template = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties: {CidrBlock: 10.0.0.0/16}
          SubnetA:
            Type: AWS::EC2::Subnet
            Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, AvailabilityZone: !Select [0, !GetAZs ""]}
          SubnetB:
            Type: AWS::EC2::Subnet
            Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, AvailabilityZone: !Select [1, !GetAZs ""]}
          Certificate:
            Type: AWS::CertificateManager::Certificate
            Properties:
              DomainName: shop.example.test
              SubjectAlternativeNames: [www.shop.example.test]
              ValidationMethod: DNS
          LoadBalancer:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties:
              Type: application
              Subnets: [!Ref SubnetA, !Ref SubnetB]
          Https:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref LoadBalancer
              Port: 443
              Protocol: HTTPS
              Certificates: [{CertificateArn: !Ref Certificate}]
              DefaultActions:
                - Type: fixed-response
                  FixedResponseConfig: {StatusCode: "200", ContentType: text/plain, MessageBody: secure}
        Outputs:
          CertificateArn: {Value: !Ref Certificate}
          LoadBalancerArn: {Value: !Ref LoadBalancer}
        """;

    [Fact]
    public async Task A_templates_certificate_is_issued_for_its_domain_and_served_by_its_HTTPS_listener()
    {
        var path = Path.Combine(engine.WorkDirectory, "certificate.yaml");
        await File.WriteAllTextAsync(path, Template);

        var deployed = await engine.AwsAsync("cloudformation", "deploy", "--stack-name", "secure", "--template-file", path);

        Assert.True(deployed.ExitCode == 0, deployed.ToString());
        var outputs = (await Aws("cloudformation", "describe-stacks", "--stack-name", "secure")).GetProperty("Stacks")[0].GetProperty("Outputs")
            .EnumerateArray().ToDictionary(o => o.GetProperty("OutputKey").GetString()!, o => o.GetProperty("OutputValue").GetString()!);
        var certificateArn = outputs["CertificateArn"];
        Assert.Matches("^arn:aws:acm:local:000000000000:certificate/[0-9a-f-]{36}$", certificateArn);

        var described = (await Aws("acm", "describe-certificate", "--certificate-arn", certificateArn)).GetProperty("Certificate");
        Assert.Equal(("ISSUED", "AMAZON_ISSUED", "shop.example.test"), (Text(described, "Status"), Text(described, "Type"), Text(described, "DomainName")));
        Assert.Equal(["shop.example.test", "www.shop.example.test"], described.GetProperty("SubjectAlternativeNames").EnumerateArray().Select(n => n.GetString()));
        var validation = described.GetProperty("DomainValidationOptions")[0];
        Assert.Equal(("SUCCESS", "CNAME"), (Text(validation, "ValidationStatus"), Text(validation.GetProperty("ResourceRecord"), "Type")));
        Assert.EndsWith(".shop.example.test.", Text(validation.GetProperty("ResourceRecord"), "Name"), StringComparison.Ordinal);
        Assert.Equal([outputs["LoadBalancerArn"]], described.GetProperty("InUseBy").EnumerateArray().Select(a => a.GetString()));

        var caFile = Path.Combine(engine.Home.CertificatesDirectory, "ca-cert.pem");
        var chain = await Aws("acm", "get-certificate", "--certificate-arn", certificateArn);
        Assert.Equal((await File.ReadAllTextAsync(caFile)).Trim(), Text(chain, "CertificateChain").Trim());

        var address = await LoadBalancerAddressAsync(outputs["LoadBalancerArn"]);
        var (body, served, trusted) = await GetHttpsAsync(address, "www.shop.example.test", caFile);
        Assert.Equal("secure", body);
        Assert.True(trusted, "the served certificate does not chain to the local CA");
        Assert.True(served.MatchesHostname("www.shop.example.test"));
        Assert.Equal(X509Certificate2.CreateFromPem(Text(chain, "Certificate")).Thumbprint, served.Thumbprint);

        // A name the certificate does not cover still gets it (the listener's only one), and the client refuses it.
        var (refused, other, otherTrusted) = await GetHttpsAsync(address, "elsewhere.example.test", caFile);
        Assert.Equal(served.Thumbprint, other.Thumbprint);
        Assert.False(otherTrusted);
        Assert.Null(refused);

        var inUse = await engine.AwsAsync("acm", "delete-certificate", "--certificate-arn", certificateArn);
        Assert.NotEqual(0, inUse.ExitCode);
        Assert.Contains("(ResourceInUseException)", inUse.Error, StringComparison.Ordinal);
        Assert.Contains(certificateArn, (await Aws("acm", "list-certificates")).GetProperty("CertificateSummaryList").EnumerateArray().Select(c => Text(c, "CertificateArn")));

        var deleted = await engine.AwsAsync("cloudformation", "delete-stack", "--stack-name", "secure");
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        await Eventually.UntilAsync(() => engine.AwsAsync("acm", "describe-certificate", "--certificate-arn", certificateArn),
            r => r.Error.Contains("(ResourceNotFoundException)", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the stack's deletion to delete its certificate");
    }

    [Fact]
    public async Task Requests_are_checked_as_ACM_checks_them_and_a_listener_cannot_name_a_certificate_ACM_does_not_have()
    {
        var badDomain = await engine.AwsAsync("acm", "request-certificate", "--domain-name", "bad..example.test");
        Assert.Contains("(ValidationException)", badDomain.Error, StringComparison.Ordinal);
        Assert.Contains("at 'domainName' failed to satisfy constraint", badDomain.Error, StringComparison.Ordinal);

        var requested = await Aws("acm", "request-certificate", "--domain-name", "api.example.test", "--idempotency-token", "first");
        var again = await Aws("acm", "request-certificate", "--domain-name", "api.example.test", "--idempotency-token", "first");
        Assert.Equal(Text(requested, "CertificateArn"), Text(again, "CertificateArn"));
        await Aws("acm", "add-tags-to-certificate", "--certificate-arn", Text(requested, "CertificateArn"), "--tags", "Key=team,Value=shop");
        var tags = (await Aws("acm", "list-tags-for-certificate", "--certificate-arn", Text(requested, "CertificateArn"))).GetProperty("Tags");
        Assert.Equal("shop", Text(tags[0], "Value"));

        var missing = "arn:aws:acm:local:000000000000:certificate/00000000-0000-0000-0000-000000000000";
        var lb = await Aws("elbv2", "create-load-balancer", "--name", "acm-check", "--subnets", "subnet-1", "subnet-2");
        var listener = await engine.AwsAsync("elbv2", "create-listener", "--load-balancer-arn", Text(lb.GetProperty("LoadBalancers")[0], "LoadBalancerArn"),
            "--protocol", "HTTPS", "--port", "443", "--certificates", $"CertificateArn={missing}",
            "--default-actions", "Type=fixed-response,FixedResponseConfig={StatusCode=200}");
        Assert.Contains("(CertificateNotFound)", listener.Error, StringComparison.Ordinal);
        Assert.Contains($"Certificate '{missing}' not found", listener.Error, StringComparison.Ordinal);

        await Aws("acm", "delete-certificate", "--certificate-arn", Text(requested, "CertificateArn"));
        var gone = await engine.AwsAsync("acm", "get-certificate", "--certificate-arn", Text(requested, "CertificateArn"));
        Assert.Contains("(ResourceNotFoundException)", gone.Error, StringComparison.Ordinal);
    }

    /// <summary>GET / over TLS with <paramref name="serverName"/> as SNI, connected to the load balancer's address on 10443 (443 served).</summary>
    private static async Task<(string? Body, X509Certificate2 Served, bool Trusted)> GetHttpsAsync(IPAddress address, string serverName, string caFile)
    {
        X509Certificate2? served = null;
        var trusted = false;
        using var root = X509Certificate2.CreateFromPem(File.ReadAllText(caFile));
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(new IPEndPoint(address, 10443), token);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    served = new X509Certificate2(certificate!);
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    trusted = chain.Build(served) && served.MatchesHostname(serverName, allowWildcards: true, allowCommonName: false);
                    return trusted;
                },
            },
        };
        using var client = new HttpClient(handler);
        try
        {
            return (await client.GetStringAsync(new Uri($"https://{serverName}:10443/")), served!, trusted);
        }
        catch (HttpRequestException) when (served is not null && !trusted)
        {
            return (null, served, trusted);
        }
    }

    private async Task<IPAddress> LoadBalancerAddressAsync(string arn)
    {
        var balancer = (await Aws("elbv2", "describe-load-balancers", "--load-balancer-arns", arn)).GetProperty("LoadBalancers")[0];
        return IPAddress.Parse(Text(balancer.GetProperty("AvailabilityZones")[0].GetProperty("LoadBalancerAddresses")[0], "IpAddress"));
    }

    private async Task<JsonElement> Aws(params string[] args)
    {
        var result = await engine.AwsAsync(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Out.Length == 0 ? default : result.Json();
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString()!;
}

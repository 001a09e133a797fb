using Amazon.CDK;
using Amazon.CDK.AWS.CertificateManager;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ECS;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Route53;
using Amazon.CDK.AWS.S3;
using System.Text.Json;
using System.Text.Json.Serialization;
using Constructs;
using Fargo.Config.Model;

namespace Fargo.Infrastructure.Stacks;

/// <summary>
/// What an environment's services share: the network (a new VPC over two AZs, or an existing one), the
/// load balancer with its listeners, certificate and DNS record, the logging bucket, and the ECS cluster (its own,
/// or an existing one by name, which this stack neither creates nor deletes).
/// </summary>
internal sealed class EnvironmentStack : Stack
{
    private const int HttpsPort = 443;
    private const int HttpPort = 80;

    public EnvironmentStack(Construct scope, string id, ServiceSettings settings, TargetEnvironment target, IStackProps props)
        : base(scope, id, props)
    {
        // What every service of the environment shares, and nothing a service decides alone.
        var network = EnvironmentWideSettings.Of(settings);
        Vpc = network.VpcId is { Length: > 0 } vpcId ? ImportVpc(vpcId, network.Public) : CreateVpc(network.Nat);

        LoadBalancerSecurityGroup = new SecurityGroup(this, "LoadBalancerSecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            Description = $"Fargo {target.Name}: the load balancer; HTTP and HTTPS in, out only to the services' container ports",
            // Egress is opened per service, to its own security group on its container port only.
            AllowAllOutbound = false,
        });
        foreach (var (clients, clientDescription) in Clients(network))
        {
            if (target.Https != HttpsMode.None)
            {
                LoadBalancerSecurityGroup.AddIngressRule(clients, Port.Tcp(HttpsPort), $"HTTPS {clientDescription}");
            }

            LoadBalancerSecurityGroup.AddIngressRule(clients, Port.Tcp(HttpPort), $"HTTP {clientDescription}");
        }

        // The egress rules to the services live in the services' stacks (they name the services' groups). A
        // group without inline egress rules gets EC2's default "all traffic out", so it keeps the CDK's own
        // placeholder rule that matches nothing.
        ((CfnSecurityGroup)LoadBalancerSecurityGroup.Node.DefaultChild!).AddPropertyOverride("SecurityGroupEgress", new object[]
        {
            new Dictionary<string, object>
            {
                ["CidrIp"] = "255.255.255.255/32",
                ["Description"] = "Disallow all traffic",
                ["FromPort"] = 252,
                ["IpProtocol"] = "icmp",
                ["ToPort"] = 86,
            },
        });

        AccessLogsBucket = Buckets.Create(
            this,
            "AccessLogsBucket",
            // ALB access logs can only be delivered to buckets encrypted with S3-managed keys.
            BucketEncryption.S3_MANAGED,
            keep: target.ProdLike,
            serverAccessLogs: null,
            serverAccessLogsPrefix: null,
            expireObjectsAfterDays: Math.Max(network.LogRetentionDays, 1));
        // S3 server access logs of the services' buckets land here (the services' stacks cannot add to this
        // policy without a dependency cycle, so the environment grants it for the whole account up front).
        AccessLogsBucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "S3ServerAccessLogs",
            Effect = Effect.ALLOW,
            Principals = [new ServicePrincipal("logging.s3.amazonaws.com")],
            Actions = ["s3:PutObject"],
            Resources = [AccessLogsBucket.ArnForObjects(Buckets.ServerAccessLogsPrefix + "*")],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = target.Account },
            },
        }));

        LoadBalancer = new ApplicationLoadBalancer(this, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            LoadBalancerName = settings.Names.LoadBalancer,
            Vpc = Vpc,
            InternetFacing = network.Public,
            VpcSubnets = new SubnetSelection { SubnetType = network.Public ? SubnetType.PUBLIC : SubnetType.PRIVATE_WITH_EGRESS },
            SecurityGroup = LoadBalancerSecurityGroup,
            DropInvalidHeaderFields = true,
            DesyncMitigationMode = DesyncMitigationMode.DEFENSIVE,
            DeletionProtection = target.ProdLike,
            Http2Enabled = true,
        });
        LoadBalancer.LogAccessLogs(AccessLogsBucket, "alb");

        ServiceListener = target.Https == HttpsMode.None ? AddPlainHttpListener() : AddHttpsListeners(network, target);

        var scheme = target.Https == HttpsMode.None ? "http" : "https";
        Url = target.HasDnsRecord ? $"{scheme}://{target.Domain}" : $"{scheme}://{LoadBalancer.LoadBalancerDnsName}";
        if (target.HasDnsRecord)
        {
            AddAliasRecord(target.Domain!, target.HostedZone!);
        }

        // An existing cluster is named, not made: no AWS::ECS::Cluster here, so `infra down` leaves it alone. The
        // service's AWS::ECS::Service names it, and CloudFormation fails as ECS does ("Cluster not found.") when it is missing.
        Cluster = network.Cluster is { } existing
            ? Amazon.CDK.AWS.ECS.Cluster.FromClusterAttributes(this, "Cluster", new ClusterAttributes { ClusterName = existing, Vpc = Vpc })
            : new Cluster(this, "Cluster", new ClusterProps
            {
                ClusterName = settings.Names.Cluster,
                Vpc = Vpc,
                EnableFargateCapacityProviders = true,
                ContainerInsights = true,
            });

        ServiceDiscovery = new Amazon.CDK.AWS.ServiceDiscovery.PrivateDnsNamespace(this, "ServiceDiscovery", new Amazon.CDK.AWS.ServiceDiscovery.PrivateDnsNamespaceProps
        {
            Name = Fargo.Config.ResourceNaming.DiscoveryNamespace(target.Name),
            Vpc = Vpc,
            Description = $"Fargo {target.Name}: the services other services call, by name",
        });

        Output(StackOutputs.VpcId, Vpc.VpcId, "The VPC of the environment");
        Output(StackOutputs.ClusterName, Cluster.ClusterName, "The ECS cluster of the environment");
        Output(StackOutputs.LoadBalancerDnsName, LoadBalancer.LoadBalancerDnsName, "The load balancer's DNS name");
        Output(StackOutputs.Url, Url, "The environment's address");
        Output(StackOutputs.AccessLogsBucketName, AccessLogsBucket.BucketName, "Load balancer access logs and S3 server access logs");
        Output(StackOutputs.EnvironmentSettings, JsonSerializer.Serialize(network.ByKey(), EnvironmentSettingsJson.Default.IReadOnlyDictionaryStringString), "The environment-wide settings of fargo.toml the stack is made of; every service's file must agree with them");
        var configuredBy = new CfnParameter(this, StackParameters.ConfiguredBy, new CfnParameterProps
        {
            Type = "String",
            Default = string.Empty,
            Description = "The service and fargo.toml whose environment-wide settings the stack has; it changes no resource (fargo infra up passes it).",
        });
        Output(StackOutputs.ConfiguredBy, configuredBy.ValueAsString, "The service and fargo.toml whose environment-wide settings the stack has");
        ExportWhatServicesImport();
    }

    public IVpc Vpc { get; }

    /// <summary>
    /// The environment's Cloud Map namespace, in which every service another one calls is registered. It exists
    /// whether or not some service is called: the environment stack is the same whichever service's file it is
    /// synthesized from, so a second file without calls never deletes a namespace the first one's services use.
    /// </summary>
    public Amazon.CDK.AWS.ServiceDiscovery.PrivateDnsNamespace ServiceDiscovery { get; }

    public SecurityGroup LoadBalancerSecurityGroup { get; }

    public Bucket AccessLogsBucket { get; }

    public ApplicationLoadBalancer LoadBalancer { get; }

    /// <summary>The listener the services add their rules to: HTTPS, or plain HTTP when there is no certificate.</summary>
    public ApplicationListener ServiceListener { get; }

    public ICluster Cluster { get; }

    public string Url { get; }

    /// <summary>
    /// Two AZs through Fn::GetAZs rather than a context lookup, so that synthesis stays offline and the
    /// template works in any account (AZ names map to different zones per account).
    /// </summary>
    public override string[] AvailabilityZones => [Fn.Select(0, Fn.GetAzs()), Fn.Select(1, Fn.GetAzs())];

    /// <summary>
    /// Who reaches the listeners: [network] ingress's blocks when given (IPv6 ones as IPv6 rules), else anyone over IPv4
    /// for a public load balancer and the VPC's block for an internal one.
    /// </summary>
    private IEnumerable<(IPeer Peer, string Description)> Clients(EnvironmentWideSettings network)
    {
        if (network.Ingress.Count == 0)
        {
            return [network.Public ? (Peer.AnyIpv4(), "from the internet") : (Peer.Ipv4(Vpc.VpcCidrBlock), "from the VPC")];
        }

        // fargo.toml's validation checked each block's shape; a colon is what tells an IPv6 block from an IPv4 one.
        return network.Ingress.Select(block => (block.Contains(':', StringComparison.Ordinal) ? Peer.Ipv6(block) : Peer.Ipv4(block), $"from {block}"));
    }

    /// <summary>
    /// The CDK exports what a service stack references, and only that: a service without a database or buckets would
    /// make an environment stack without the exports another service imports, and its `infra up` would fail on an export
    /// in use. Exporting everything any service may import keeps the environment stack the same whichever service's file
    /// it is synthesized from.
    /// </summary>
    private void ExportWhatServicesImport()
    {
        ExportValue(ServiceListener.ListenerArn);
        ExportValue(LoadBalancerSecurityGroup.SecurityGroupId);
        ExportValue(AccessLogsBucket.BucketName);
        ExportValue(ServiceDiscovery.NamespaceId);
        if (Cluster is Cluster own)
        {
            ExportValue(own.ClusterName);
        }

        if (Vpc is Vpc created)
        {
            ExportValue(created.VpcId);
            foreach (var subnet in created.PrivateSubnets)
            {
                ExportValue(subnet.SubnetId);
            }
        }
    }

    private Vpc CreateVpc(NatMode nat)
    {
        var vpc = new Amazon.CDK.AWS.EC2.Vpc(this, "Vpc", new VpcProps
        {
            IpAddresses = IpAddresses.Cidr("10.0.0.0/16"),
            MaxAzs = 2,
            NatGateways = nat == NatMode.PerAz ? 2 : 1,
            SubnetConfiguration =
            [
                // Only the load balancer and the NAT gateways live here; nothing gets a public IP by default.
                new SubnetConfiguration { Name = "public", SubnetType = SubnetType.PUBLIC, CidrMask = 24, MapPublicIpOnLaunch = false },
                new SubnetConfiguration { Name = "private", SubnetType = SubnetType.PRIVATE_WITH_EGRESS, CidrMask = 20 },
            ],
            // The default security group stays unused: every resource has its own group. Restricting it would
            // need a Lambda-backed custom resource (an asset to upload) for no gain in this topology.
            RestrictDefaultSecurityGroup = false,
        });
        vpc.AddGatewayEndpoint("S3Endpoint", new GatewayVpcEndpointOptions { Service = GatewayVpcEndpointAwsService.S3 });
        return vpc;
    }

    /// <summary>
    /// An existing VPC, without a lookup: its subnets come in as CloudFormation parameters (typed, so that
    /// CloudFormation checks they exist), given on the first `fargo infra up` and kept afterwards.
    /// </summary>
    private IVpc ImportVpc(string vpcId, bool publicLoadBalancer)
    {
        var publicSubnets = new CfnParameter(this, StackParameters.PublicSubnetIds, new CfnParameterProps
        {
            Type = "List<AWS::EC2::Subnet::Id>",
            Description = $"The public subnets of {vpcId}, one in each of two availability zones (the load balancer's when it is public)",
        });
        var privateSubnets = new CfnParameter(this, StackParameters.PrivateSubnetIds, new CfnParameterProps
        {
            Type = "List<AWS::EC2::Subnet::Id>",
            Description = $"The private subnets of {vpcId} with a route to a NAT gateway, one in each of two availability zones",
        });
        string? cidr = null;
        if (!publicLoadBalancer)
        {
            cidr = new CfnParameter(this, StackParameters.VpcCidr, new CfnParameterProps
            {
                Type = "String",
                AllowedPattern = @"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/\d{1,2}$",
                Description = $"The CIDR block of {vpcId}: the internal load balancer admits clients from it",
            }).ValueAsString;
        }

        var vpc = Amazon.CDK.AWS.EC2.Vpc.FromVpcAttributes(this, "Vpc", new VpcAttributes
        {
            VpcId = vpcId,
            VpcCidrBlock = cidr,
            AvailabilityZones = AvailabilityZones,
            PublicSubnetIds = [Fn.Select(0, publicSubnets.ValueAsList), Fn.Select(1, publicSubnets.ValueAsList)],
            PrivateSubnetIds = [Fn.Select(0, privateSubnets.ValueAsList), Fn.Select(1, privateSubnets.ValueAsList)],
        });
        foreach (var subnet in vpc.PublicSubnets.Concat(vpc.PrivateSubnets))
        {
            // Nothing here reads the subnets' route tables: the existing VPC keeps its own routes and endpoints.
            Annotations.Of(subnet).AcknowledgeWarning("@aws-cdk/aws-ec2:noSubnetRouteTableId", "the existing VPC's routes are its own");
        }

        return vpc;
    }

    private ApplicationListener AddPlainHttpListener() =>
        LoadBalancer.AddListener("Http", new BaseApplicationListenerProps
        {
            Port = HttpPort,
            Protocol = ApplicationProtocol.HTTP,
            Open = false,
            DefaultAction = NoServiceHere(),
        });

    private ApplicationListener AddHttpsListeners(EnvironmentWideSettings network, TargetEnvironment target)
    {
        var certificate = target.Https == HttpsMode.ExistingCertificate
            ? Certificate.FromCertificateArn(this, "Certificate", network.Certificate!)
            : new Certificate(this, "Certificate", new CertificateProps
            {
                DomainName = target.Domain!,
                Validation = CertificateValidation.FromDns(HostedZone.FromHostedZoneId(this, "HostedZone", HostedZoneId(target.HostedZone!))),
            });

        var https = LoadBalancer.AddListener("Https", new BaseApplicationListenerProps
        {
            Port = HttpsPort,
            Protocol = ApplicationProtocol.HTTPS,
            Certificates = [ListenerCertificate.FromCertificateManager(certificate)],
            // TLS 1.3 and 1.2 with forward-secret ciphers only.
            SslPolicy = SslPolicy.RECOMMENDED_TLS,
            Open = false,
            DefaultAction = NoServiceHere(),
        });
        LoadBalancer.AddListener("HttpRedirect", new BaseApplicationListenerProps
        {
            Port = HttpPort,
            Protocol = ApplicationProtocol.HTTP,
            Open = false,
            DefaultAction = ListenerAction.Redirect(new RedirectOptions
            {
                Protocol = "HTTPS",
                Port = HttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Permanent = true,
            }),
        });
        return https;
    }

    /// <summary>
    /// The zone's id for the certificate's validation records: as written when the configuration gives an id;
    /// for a zone given by name, a parameter that `fargo infra up` fills from a lookup (synthesis is offline).
    /// </summary>
    private string HostedZoneId(HostedZoneReference zone) => zone.Id ?? new CfnParameter(this, StackParameters.HostedZoneId, new CfnParameterProps
    {
        Type = "AWS::Route53::HostedZone::Id",
        Description = $"The id of the Route 53 hosted zone {zone.Name}, where the certificate's validation records go",
    }).ValueAsString;

    private static ListenerAction NoServiceHere() =>
        ListenerAction.FixedResponse(404, new FixedResponseOptions { ContentType = "text/plain", MessageBody = "No service answers here." });

    /// <summary>
    /// The alias record, written as the plain CloudFormation resource so that a zone given by name works
    /// as well as one given by id, without a lookup.
    /// </summary>
    private void AddAliasRecord(string domain, HostedZoneReference zone) =>
        _ = new CfnRecordSet(this, "AliasRecord", new CfnRecordSetProps
        {
            HostedZoneId = zone.Id,
            HostedZoneName = zone.Name is null ? null : zone.Name + ".",
            Name = domain + ".",
            Type = "A",
            AliasTarget = new CfnRecordSet.AliasTargetProperty
            {
                DnsName = Fn.Join(string.Empty, ["dualstack.", LoadBalancer.LoadBalancerDnsName]),
                HostedZoneId = LoadBalancer.LoadBalancerCanonicalHostedZoneId,
                EvaluateTargetHealth = false,
            },
        });

    private void Output(string name, string value, string description) =>
        _ = new CfnOutput(this, name, new CfnOutputProps { Value = value, Description = description });
}

[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class EnvironmentSettingsJson : JsonSerializerContext;

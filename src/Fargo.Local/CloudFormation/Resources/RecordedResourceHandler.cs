using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Fargo.Local.CloudFormation.Template;

namespace Fargo.Local.CloudFormation.Resources;

/// <summary>
/// The types the local region keeps as records only (networking, IAM, DNS, CloudFront origin access controls, KMS, SNS, CI/CD):
/// nothing runs, but each gets an identifier and attributes shaped like AWS's, so Ref,
/// Fn::GetAtt and Fn::ImportValue resolve as on AWS. Attributes the table below does not shape take the property
/// of the same name, else the physical id for ids and an ARN for ARNs, else an empty string (every attribute the
/// registry schema lists resolves).
/// </summary>
internal sealed class RecordedResourceHandler(string region, string account) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Describe(context, NewPhysicalId(context, properties), properties));

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Describe(context, physicalId, properties));

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken) => Task.CompletedTask;

    private string NewPhysicalId(ResourceContext context, JsonObject p)
    {
        string Prop(string name) => TemplateEvaluator.Text(p[name]) ?? "";
        string Named(string property, int max = 64, bool lower = false) => p[property] is { } given ? TemplateEvaluator.Text(given)! : context.GeneratedName(max, lower);
        return context.Type switch
        {
            "AWS::EC2::VPC" => Ec2Id("vpc"),
            "AWS::EC2::Subnet" => Ec2Id("subnet"),
            "AWS::EC2::SecurityGroup" => Ec2Id("sg"),
            "AWS::EC2::SecurityGroupIngress" or "AWS::EC2::SecurityGroupEgress" => Ec2Id("sgr"),
            "AWS::EC2::RouteTable" => Ec2Id("rtb"),
            "AWS::EC2::Route" => $"{Prop("RouteTableId")}|{(p["DestinationCidrBlock"] is null ? Prop("DestinationIpv6CidrBlock") : Prop("DestinationCidrBlock"))}",
            "AWS::EC2::SubnetRouteTableAssociation" => Ec2Id("rtbassoc"),
            "AWS::EC2::InternetGateway" => Ec2Id("igw"),
            "AWS::EC2::VPCGatewayAttachment" => $"IGW|{Prop("VpcId")}",
            "AWS::EC2::EIP" => $"198.51.100.{RandomNumberGenerator.GetInt32(1, 255)}",
            "AWS::EC2::NatGateway" => Ec2Id("nat"),
            "AWS::EC2::VPCEndpoint" => Ec2Id("vpce"),
            "AWS::IAM::Role" => Named("RoleName"),
            "AWS::IAM::Policy" => $"{context.StackName[..Math.Min(context.StackName.Length, 5)]}-{context.LogicalId[..Math.Min(context.LogicalId.Length, 5)]}-{Suffix(12)}",
            "AWS::IAM::ManagedPolicy" => $"arn:aws:iam::{account}:policy/{Named("ManagedPolicyName", 128)}",
            "AWS::KMS::Key" => Guid.NewGuid().ToString(),
            "AWS::KMS::Alias" => Prop("AliasName"),
            "AWS::SNS::Topic" => $"arn:aws:sns:{region}:{account}:{Named("TopicName", 256)}",
            "AWS::SNS::Subscription" => $"{Prop("TopicArn")}:{Guid.NewGuid()}",
            "AWS::SNS::TopicPolicy" => $"{context.StackName}-{context.LogicalId}-{Suffix(12)}",
            "AWS::Route53::RecordSet" => Prop("Name").TrimEnd('.'),
            "AWS::CloudFront::OriginAccessControl" => "E" + Suffix(13),
            "AWS::CodeBuild::Project" => Named("Name", 150),
            "AWS::CodePipeline::Pipeline" => Named("Name", 100),
            "AWS::CodePipeline::Webhook" => Guid.NewGuid().ToString(),
            "AWS::RDS::DBSubnetGroup" => Named("DBSubnetGroupName", 255, lower: true),
            "AWS::RDS::DBParameterGroup" => Named("DBParameterGroupName", 255, lower: true),
            _ => context.GeneratedName(),
        };
    }

    private ResourceOutcome Describe(ResourceContext context, string id, JsonObject p)
    {
        var attributes = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        void Set(string name, JsonNode? value) => attributes[name] = value;
        string Prop(string name) => TemplateEvaluator.Text(p[name]) ?? "";
        switch (context.Type)
        {
            case "AWS::EC2::VPC":
                Set("VpcId", id);
                Set("DefaultSecurityGroup", Ec2Id("sg"));
                Set("DefaultNetworkAcl", Ec2Id("acl"));
                Set("CidrBlockAssociations", new JsonArray(JsonValue.Create(Ec2Id("vpc-cidr-assoc"))));
                Set("Ipv6CidrBlocks", new JsonArray());
                break;
            case "AWS::EC2::Subnet":
                Set("SubnetId", id);
                Set("AvailabilityZone", p["AvailabilityZone"]?.DeepClone() ?? region + "a");
                Set("AvailabilityZoneId", $"{region}-az1");
                Set("NetworkAclAssociationId", Ec2Id("aclassoc"));
                Set("Ipv6CidrBlocks", new JsonArray());
                break;
            case "AWS::EC2::SecurityGroup":
                Set("GroupId", id);
                break;
            case "AWS::EC2::EIP":
                Set("PublicIp", id);
                Set("AllocationId", Ec2Id("eipalloc"));
                break;
            case "AWS::EC2::VPCEndpoint":
                Set("Id", id);
                Set("DnsEntries", new JsonArray());
                Set("NetworkInterfaceIds", new JsonArray());
                Set("CreationTimestamp", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "AWS::IAM::Role":
                Set("Arn", $"arn:aws:iam::{account}:role{(p["Path"] is null ? "/" : Prop("Path"))}{id}");
                Set("RoleId", "AROA" + Suffix(17));
                break;
            case "AWS::KMS::Key":
                Set("Arn", $"arn:aws:kms:{region}:{account}:key/{id}");
                Set("KeyId", id);
                break;
            case "AWS::SNS::Topic":
                Set("TopicArn", id);
                Set("TopicName", id[(id.LastIndexOf(':') + 1)..]);
                break;
            case "AWS::CodeBuild::Project":
                Set("Arn", $"arn:aws:codebuild:{region}:{account}:project/{id}");
                break;
            case "AWS::CodePipeline::Pipeline":
                Set("Version", "1");
                break;
            case "AWS::CodePipeline::Webhook":
                Set("Url", $"https://{region}.webhooks.aws/trigger?t={id}");
                break;
        }

        foreach (var attribute in ResourceTypeCatalog.Find(context.Type)?.Attributes ?? [])
        {
            if (attributes.ContainsKey(attribute))
            {
                continue;
            }

            attributes[attribute] = p[attribute]?.DeepClone()
                ?? (attribute.EndsWith("Arn", StringComparison.Ordinal) ? JsonValue.Create(id.StartsWith("arn:", StringComparison.Ordinal) ? id : Arn(context.Type, id))
                : attribute.EndsWith("Id", StringComparison.Ordinal) ? JsonValue.Create(id)
                : JsonValue.Create(""));
        }

        return new ResourceOutcome(id, attributes);
    }

    private string Arn(string type, string id)
    {
        var parts = type.Split("::");
        return $"arn:aws:{parts[1].ToLowerInvariant()}:{region}:{account}:{parts[2].ToLowerInvariant()}/{id}";
    }

    private static string Ec2Id(string prefix) => prefix + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(9))[..17];

    private static string Suffix(int length) => Api.AwsIds.Suffix(length);
}

using System.Text.Json.Nodes;
using Fargo.Local.Api;
using Fargo.Local.Iam;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>
/// AWS::IAM::Role as IAM keeps it: the trust policy, inline policies (Policies), managed policies (ManagedPolicyArns),
/// the path and the permissions boundary, which decide what a session of the role may do. Ref: the name; Arn, RoleId.
/// </summary>
internal sealed class IamRoleHandler(IamStore iam, string account, TimeProvider time) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "RoleName") ?? context.GeneratedName(64);
        if (iam.Role(name) is not null)
        {
            throw new ResourceFailedException($"Role with name {name} already exists.");
        }

        var role = Record(name, "AROA" + AwsIds.Suffix(17), time.GetUtcNow(), properties, []);
        iam.PutRole(role);
        return Task.FromResult(Outcome(role));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        var existing = iam.Role(physicalId) ?? throw new ResourceFailedException($"The role with name {physicalId} cannot be found.");
        // Inline policies of AWS::IAM::Policy resources stay; the role's own Policies property is replaced.
        var fromPolicyResources = existing.InlinePolicies.Where(p => !OwnPolicyNames(previous).Contains(p.Name)).ToList();
        var role = Record(physicalId, existing.RoleId, existing.CreateDate, properties, fromPolicyResources) with
        {
            ManagedPolicyArns = [.. ManagedArns(properties), .. existing.ManagedPolicyArns.Except(ManagedArns(previous), StringComparer.Ordinal).Except(ManagedArns(properties), StringComparer.Ordinal)],
        };
        iam.PutRole(role);
        return Task.FromResult(Outcome(role));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        iam.DeleteRole(physicalId);
        return Task.CompletedTask;
    }

    private RoleRecord Record(string name, string roleId, DateTimeOffset created, JsonObject p, IReadOnlyList<InlinePolicyRecord> otherInline)
    {
        var path = PropertyMapping.Text(p, "Path") ?? "/";
        var own = (p["Policies"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(policy => new InlinePolicyRecord(PropertyMapping.Text(policy, "PolicyName")!, IamDocuments.Json(policy["PolicyDocument"])));
        return new RoleRecord(
            name,
            path,
            $"arn:aws:iam::{account}:role{path}{name}",
            roleId,
            IamDocuments.Json(p["AssumeRolePolicyDocument"]),
            [.. own, .. otherInline],
            ManagedArns(p),
            PropertyMapping.Text(p, "PermissionsBoundary"),
            PropertyMapping.Text(p, "Description"),
            created,
            PropertyMapping.Int(p, "MaxSessionDuration") ?? RoleRecord.DefaultMaxSessionDuration);
    }

    private static List<string> ManagedArns(JsonObject p) =>
        (p["ManagedPolicyArns"] as JsonArray ?? []).Select(a => Template.TemplateEvaluator.Text(a)!).ToList();

    private static HashSet<string> OwnPolicyNames(JsonObject p) =>
        (p["Policies"] as JsonArray ?? []).OfType<JsonObject>().Select(policy => PropertyMapping.Text(policy, "PolicyName")!).ToHashSet(StringComparer.Ordinal);

    private static ResourceOutcome Outcome(RoleRecord role) =>
        new(role.Name, new Dictionary<string, JsonNode?> { ["Arn"] = role.Arn, ["RoleId"] = role.RoleId });
}

/// <summary>AWS::IAM::Policy: an inline policy put on each role it names (PutRolePolicy), removed from them on delete. Ref and Id: its id.</summary>
internal sealed class IamInlinePolicyHandler(IamStore iam) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var id = $"{context.StackName[..Math.Min(context.StackName.Length, 5)]}-{context.LogicalId[..Math.Min(context.LogicalId.Length, 5)]}-{AwsIds.Suffix(12)}";
        Put(properties);
        return Task.FromResult(Outcome(id));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        Remove(previous);
        Put(properties);
        return Task.FromResult(Outcome(physicalId));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        Remove(properties);
        return Task.CompletedTask;
    }

    private void Put(JsonObject p)
    {
        var name = PropertyMapping.Text(p, "PolicyName")!;
        var document = IamDocuments.Json(p["PolicyDocument"]);
        foreach (var role in IamDocuments.Names(p, "Roles"))
        {
            if (iam.Role(role) is null)
            {
                throw new ResourceFailedException($"The role with name {role} cannot be found.");
            }

            iam.UpdateRole(role, r => r with { InlinePolicies = [.. r.InlinePolicies.Where(i => i.Name != name), new InlinePolicyRecord(name, document)] });
        }
    }

    private void Remove(JsonObject p)
    {
        var name = PropertyMapping.Text(p, "PolicyName")!;
        foreach (var role in IamDocuments.Names(p, "Roles"))
        {
            iam.UpdateRole(role, r => r with { InlinePolicies = [.. r.InlinePolicies.Where(i => i.Name != name)] });
        }
    }

    private static ResourceOutcome Outcome(string id) => new(id, new Dictionary<string, JsonNode?> { ["Id"] = id });
}

/// <summary>AWS::IAM::ManagedPolicy: a customer-managed policy, attached to the roles it names. Ref: its ARN; PolicyArn, PolicyId…</summary>
internal sealed class IamManagedPolicyHandler(IamStore iam, string account, TimeProvider time) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "ManagedPolicyName") ?? context.GeneratedName(128);
        var path = PropertyMapping.Text(properties, "Path") ?? "/";
        var policy = new ManagedPolicyRecord($"arn:aws:iam::{account}:policy{path}{name}", name, path, "ANPA" + AwsIds.Suffix(17),
            IamDocuments.Json(properties["PolicyDocument"]), PropertyMapping.Text(properties, "Description"), time.GetUtcNow());
        if (iam.CustomerManagedPolicy(policy.Arn) is not null)
        {
            throw new ResourceFailedException($"A policy called {name} already exists. Duplicate names are not allowed.");
        }

        iam.PutPolicy(policy);
        Attach(policy.Arn, properties);
        return Task.FromResult(Outcome(policy));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        var existing = iam.CustomerManagedPolicy(physicalId) ?? throw new ResourceFailedException($"Policy {physicalId} does not exist or is not attachable.");
        var policy = existing with { Document = IamDocuments.Json(properties["PolicyDocument"]), Description = PropertyMapping.Text(properties, "Description") };
        iam.PutPolicy(policy);
        Detach(physicalId, previous);
        Attach(physicalId, properties);
        return Task.FromResult(Outcome(policy));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        Detach(physicalId, properties);
        iam.DeletePolicy(physicalId);
        return Task.CompletedTask;
    }

    private void Attach(string arn, JsonObject p)
    {
        foreach (var role in IamDocuments.Names(p, "Roles"))
        {
            iam.UpdateRole(role, r => r.ManagedPolicyArns.Contains(arn) ? r : r with { ManagedPolicyArns = [.. r.ManagedPolicyArns, arn] });
        }
    }

    private void Detach(string arn, JsonObject p)
    {
        foreach (var role in IamDocuments.Names(p, "Roles"))
        {
            iam.UpdateRole(role, r => r with { ManagedPolicyArns = [.. r.ManagedPolicyArns.Where(a => a != arn)] });
        }
    }

    private static ResourceOutcome Outcome(ManagedPolicyRecord policy)
    {
        var created = policy.CreateDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return new(policy.Arn, new Dictionary<string, JsonNode?>
        {
            ["PolicyArn"] = policy.Arn,
            ["PolicyId"] = policy.PolicyId,
            ["AttachmentCount"] = 0,
            ["CreateDate"] = created,
            ["UpdateDate"] = created,
            ["DefaultVersionId"] = "v1",
            ["IsAttachable"] = true,
            ["PermissionsBoundaryUsageCount"] = 0,
        });
    }
}

/// <summary>
/// AWS::IAM::OIDCProvider: an identity provider of the account, whose tokens AssumeRoleWithWebIdentity accepts for
/// the roles that trust it (docs/iam.md: the local region checks them against its own OIDC issuer's keys). Ref: the ARN.
/// </summary>
internal sealed class IamOidcProviderHandler(IamStore iam, string account, TimeProvider time) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var url = PropertyMapping.Text(properties, "Url") ?? throw new ResourceFailedException("Properties validation failed for resource: #: required key [Url] not found");
        if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ResourceFailedException($"Invalid URL {url}: an OpenID Connect provider's URL must begin with https://.");
        }

        var provider = Record($"arn:aws:iam::{account}:oidc-provider/{OidcProviderRecord.Normalize(url)}", url, properties, time.GetUtcNow());
        if (iam.OidcProvider(provider.Arn) is not null)
        {
            throw new ResourceFailedException($"Provider with url {url} already exists.");
        }

        iam.PutOidcProvider(provider);
        return Task.FromResult(Outcome(provider));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        var existing = iam.OidcProvider(physicalId) ?? throw new ResourceFailedException($"OpenIDConnect provider {physicalId} does not exist.");
        var provider = Record(physicalId, existing.Url, properties, existing.CreateDate);
        iam.PutOidcProvider(provider);
        return Task.FromResult(Outcome(provider));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        iam.DeleteOidcProvider(physicalId);
        return Task.CompletedTask;
    }

    private static OidcProviderRecord Record(string arn, string url, JsonObject p, DateTimeOffset created) =>
        new(arn, OidcProviderRecord.Normalize(url), [.. IamDocuments.Names(p, "ClientIdList")], [.. IamDocuments.Names(p, "ThumbprintList")], created);

    private static ResourceOutcome Outcome(OidcProviderRecord provider) =>
        new(provider.Arn, new Dictionary<string, JsonNode?> { ["Arn"] = provider.Arn });
}

/// <summary>Policy documents and name lists as the IAM resource properties hold them.</summary>
internal static class IamDocuments
{
    /// <summary>A document as JSON text: templates give an object, or a string holding one.</summary>
    public static string Json(JsonNode? document) =>
        document is JsonValue value && value.TryGetValue<string>(out var text) ? text : document?.ToJsonString() ?? "{}";

    public static IEnumerable<string> Names(JsonObject p, string property) =>
        (p[property] as JsonArray ?? []).Select(n => Template.TemplateEvaluator.Text(n)!);
}

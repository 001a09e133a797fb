using System.Text.Json;
using System.Text.Json.Nodes;
using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.Iam;

/// <summary>An inline policy of a role: its name and its document as JSON.</summary>
internal sealed record InlinePolicyRecord(string Name, string Document);

/// <summary>A role as IAM keeps it: the trust policy, inline and attached managed policies, the permissions boundary.</summary>
internal sealed record RoleRecord(
    string Name,
    string Path,
    string Arn,
    string RoleId,
    string AssumeRolePolicyDocument,
    IReadOnlyList<InlinePolicyRecord> InlinePolicies,
    IReadOnlyList<string> ManagedPolicyArns,
    string? PermissionsBoundary,
    string? Description,
    DateTimeOffset CreateDate,
    int MaxSessionDuration = RoleRecord.DefaultMaxSessionDuration)
{
    /// <summary>IAM's default MaxSessionDuration: a role's sessions last at most an hour unless the role says more.</summary>
    public const int DefaultMaxSessionDuration = 3600;
}

/// <summary>A customer-managed policy (its default version's document).</summary>
internal sealed record ManagedPolicyRecord(string Arn, string Name, string Path, string PolicyId, string Document, string? Description, DateTimeOffset CreateDate);

/// <summary>
/// An OpenID Connect identity provider of the account (AWS::IAM::OIDCProvider): its issuer URL as IAM keeps it, without
/// the scheme (token.actions.githubusercontent.com), the audiences (client ids) its tokens may carry, and thumbprints.
/// </summary>
internal sealed record OidcProviderRecord(string Arn, string Url, IReadOnlyList<string> ClientIds, IReadOnlyList<string> Thumbprints, DateTimeOffset CreateDate)
{
    /// <summary>The URL as IAM keeps it: no scheme, no trailing slash (the provider's ARN ends with it).</summary>
    public static string Normalize(string url)
    {
        var withoutScheme = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? url["https://".Length..] : url;
        return withoutScheme.TrimEnd('/');
    }
}

/// <summary>A policy an IAM call refers to that does not exist; the message is IAM's.</summary>
internal sealed class NoSuchEntityException(string message) : Exception(message);

/// <summary>
/// The account's roles and customer-managed policies, made by the templates' AWS::IAM resources and kept in state.db;
/// the AWS-managed policies the templates attach come with their real documents (Iam/aws-managed-policies.json).
/// </summary>
internal sealed class IamStore : IDisposable
{
    public const string AwsManagedPoliciesResource = "Fargo.Local.aws-managed-policies.json";

    private readonly SqliteConnection _connection;
    private readonly DocumentTable<RoleRecord> _roles;
    private readonly DocumentTable<ManagedPolicyRecord> _policies;
    private readonly DocumentTable<OidcProviderRecord> _oidcProviders;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RoleRecord> _roleByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ManagedPolicyRecord> _policyByArn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OidcProviderRecord> _oidcProviderByArn = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _awsManaged;

    public IamStore(string databasePath)
    {
        _connection = StateDatabase.Open(databasePath);
        _roles = new DocumentTable<RoleRecord>(_connection, "iam_roles", LocalJsonContext.Default.RoleRecord);
        _policies = new DocumentTable<ManagedPolicyRecord>(_connection, "iam_managed_policies", LocalJsonContext.Default.ManagedPolicyRecord);
        _roles.LoadInto(_connection, _roleByName, r => r.Name);
        _oidcProviders = new DocumentTable<OidcProviderRecord>(_connection, "iam_oidc_providers", LocalJsonContext.Default.OidcProviderRecord);
        _policies.LoadInto(_connection, _policyByArn, p => p.Arn);
        _oidcProviders.LoadInto(_connection, _oidcProviderByArn, p => p.Arn);
        _awsManaged = LoadAwsManaged();
    }

    public void Dispose() => _connection.Dispose();

    public RoleRecord? Role(string name)
    {
        lock (_gate)
        {
            return _roleByName.GetValueOrDefault(name);
        }
    }

    /// <summary>The role an ARN names (arn:aws:iam::ACCOUNT:role/PATH/NAME), or null.</summary>
    public RoleRecord? RoleByArn(string arn)
    {
        var name = arn[(arn.LastIndexOf('/') + 1)..];
        return Role(name) is { } role && role.Arn == arn ? role : null;
    }

    public void PutRole(RoleRecord role) => Write(() => _roleByName[role.Name] = role, (t) => _roles.Put(_connection, t, role.Name, role));

    public void DeleteRole(string name) => Write(() => _roleByName.Remove(name), t => _roles.Delete(_connection, t, name));

    /// <summary>Changes a role in place (an inline policy put or removed, a managed policy attached); a role that is gone stays gone.</summary>
    public void UpdateRole(string name, Func<RoleRecord, RoleRecord> change)
    {
        lock (_gate)
        {
            if (_roleByName.TryGetValue(name, out var role))
            {
                PutRole(change(role));
            }
        }
    }

    public ManagedPolicyRecord? CustomerManagedPolicy(string arn)
    {
        lock (_gate)
        {
            return _policyByArn.GetValueOrDefault(arn);
        }
    }

    public void PutPolicy(ManagedPolicyRecord policy) => Write(() => _policyByArn[policy.Arn] = policy, t => _policies.Put(_connection, t, policy.Arn, policy));

    public void DeletePolicy(string arn) => Write(() => _policyByArn.Remove(arn), t => _policies.Delete(_connection, t, arn));

    public OidcProviderRecord? OidcProvider(string arn)
    {
        lock (_gate)
        {
            return _oidcProviderByArn.GetValueOrDefault(arn);
        }
    }

    /// <summary>The account's provider for an issuer (a token's <c>iss</c>, with or without https://), or null.</summary>
    public OidcProviderRecord? OidcProviderForIssuer(string issuer)
    {
        var url = OidcProviderRecord.Normalize(issuer);
        lock (_gate)
        {
            return _oidcProviderByArn.Values.FirstOrDefault(p => p.Url == url);
        }
    }

    public IReadOnlyList<OidcProviderRecord> OidcProviders()
    {
        lock (_gate)
        {
            return [.. _oidcProviderByArn.Values.OrderBy(p => p.Arn, StringComparer.Ordinal)];
        }
    }

    public void PutOidcProvider(OidcProviderRecord provider) =>
        Write(() => _oidcProviderByArn[provider.Arn] = provider, t => _oidcProviders.Put(_connection, t, provider.Arn, provider));

    public void DeleteOidcProvider(string arn) => Write(() => _oidcProviderByArn.Remove(arn), t => _oidcProviders.Delete(_connection, t, arn));

    /// <summary>The document of a managed policy, customer or AWS-managed (any partition), or null when IAM has no such policy here.</summary>
    public string? ManagedPolicyDocument(string arn)
    {
        if (CustomerManagedPolicy(arn) is { } policy)
        {
            return policy.Document;
        }

        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[4] == "aws" ? _awsManaged.GetValueOrDefault(parts[5]) : null;
    }

    /// <summary>The identity-based policies and the permissions boundary of a role, as the evaluator takes them.</summary>
    public PolicySet PoliciesOf(RoleRecord role, NamedPolicy? resourcePolicy)
    {
        var identity = role.InlinePolicies.Select(p => new NamedPolicy(p.Name, PolicyDocument.Parse(p.Document))).ToList();
        foreach (var arn in role.ManagedPolicyArns)
        {
            // An AWS-managed policy the local region does not know grants nothing here: docs/iam.md says which it knows.
            if (ManagedPolicyDocument(arn) is { } document)
            {
                identity.Add(new NamedPolicy(arn, PolicyDocument.Parse(document)));
            }
        }

        // A boundary the local region has no document for (one of a real account, e.g. the example's DeveloperBoundary) is
        // recorded but not applied (docs/iam.md): capping the role with an empty document would deny it everything.
        var boundary = role.PermissionsBoundary is { } boundaryArn && ManagedPolicyDocument(boundaryArn) is { } boundaryDocument
            ? new NamedPolicy(boundaryArn, PolicyDocument.Parse(boundaryDocument))
            : null;
        return new PolicySet(identity, boundary, resourcePolicy);
    }

    private void Write(Action inMemory, Action<SqliteTransaction> persist)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            persist(transaction);
            transaction.Commit();
            inMemory();
        }
    }

    private static Dictionary<string, string> LoadAwsManaged()
    {
        using var stream = typeof(IamStore).Assembly.GetManifestResourceStream(AwsManagedPoliciesResource)
            ?? throw new InvalidOperationException($"The embedded resource {AwsManagedPoliciesResource} is missing from Fargo.Local.");
        var policies = JsonNode.Parse(stream)!.AsArray();
        return policies.ToDictionary(
            p => p!["Arn"]!.GetValue<string>().Split(':', 6)[5],
            p => p!["Document"]!.ToJsonString(),
            StringComparer.Ordinal);
    }
}

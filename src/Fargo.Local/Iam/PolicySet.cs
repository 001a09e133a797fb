namespace Fargo.Local.Iam;

/// <summary>A policy with the name the decision reports it by (an inline policy's name, a managed policy's ARN).</summary>
internal sealed record NamedPolicy(string Name, PolicyDocument Document);

/// <summary>
/// Every policy that bears on one request within one account: the caller's identity-based policies, its permissions
/// boundary if it has one, and the resource's resource-based policy if the service has one.
/// </summary>
internal sealed record PolicySet(IReadOnlyList<NamedPolicy> IdentityPolicies, NamedPolicy? PermissionsBoundary = null, NamedPolicy? ResourcePolicy = null);

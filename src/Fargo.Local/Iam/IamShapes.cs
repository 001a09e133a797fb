using System.Text.Json.Serialization;

namespace Fargo.Local.Iam;

// IAM's response shapes (awsQuery XML), members named and ordered as IAM's model has them.

internal sealed record PermissionsBoundaryShape(string PermissionsBoundaryType, string PermissionsBoundaryArn);

internal sealed record RoleShape(
    string Path,
    string RoleName,
    string RoleId,
    string Arn,
    DateTimeOffset CreateDate,
    string AssumeRolePolicyDocument,
    string? Description,
    int MaxSessionDuration,
    PermissionsBoundaryShape? PermissionsBoundary);

internal sealed record GetRoleResult(RoleShape Role);

internal sealed record ListRolePoliciesResult(IReadOnlyList<string> PolicyNames, bool IsTruncated);

internal sealed record GetRolePolicyResult(string RoleName, string PolicyName, string PolicyDocument);

internal sealed record AttachedPolicyShape(string PolicyName, string PolicyArn);

internal sealed record ListAttachedRolePoliciesResult(IReadOnlyList<AttachedPolicyShape> AttachedPolicies, bool IsTruncated);

internal sealed record PolicyShape(
    string PolicyName,
    string PolicyId,
    string Arn,
    string Path,
    string DefaultVersionId,
    int AttachmentCount,
    int PermissionsBoundaryUsageCount,
    bool IsAttachable,
    string? Description,
    DateTimeOffset CreateDate,
    DateTimeOffset UpdateDate);

internal sealed record GetPolicyResult(PolicyShape Policy);

internal sealed record PolicyVersionShape(string Document, string VersionId, bool IsDefaultVersion, DateTimeOffset CreateDate);

internal sealed record GetPolicyVersionResult(PolicyVersionShape PolicyVersion);

internal sealed record StatementShape(string SourcePolicyId, string SourcePolicyType);

internal sealed record PermissionsBoundaryDecisionShape(bool AllowedByPermissionsBoundary);

internal sealed record EvaluationResultShape(
    string EvalActionName,
    string EvalResourceName,
    string EvalDecision,
    IReadOnlyList<StatementShape> MatchedStatements,
    IReadOnlyList<string> MissingContextValues,
    PermissionsBoundaryDecisionShape? PermissionsBoundaryDecisionDetail);

internal sealed record SimulatePrincipalPolicyResult(IReadOnlyList<EvaluationResultShape> EvaluationResults, bool IsTruncated);

internal sealed record GetOpenIDConnectProviderResult(string Url, IReadOnlyList<string> ClientIDList, IReadOnlyList<string> ThumbprintList, DateTimeOffset CreateDate);

internal sealed record OpenIDConnectProviderListEntryShape(string Arn);

internal sealed record ListOpenIDConnectProvidersResult(IReadOnlyList<OpenIDConnectProviderListEntryShape> OpenIDConnectProviderList);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetRoleResult))]
[JsonSerializable(typeof(ListRolePoliciesResult))]
[JsonSerializable(typeof(GetRolePolicyResult))]
[JsonSerializable(typeof(ListAttachedRolePoliciesResult))]
[JsonSerializable(typeof(GetPolicyResult))]
[JsonSerializable(typeof(GetPolicyVersionResult))]
[JsonSerializable(typeof(SimulatePrincipalPolicyResult))]
[JsonSerializable(typeof(GetOpenIDConnectProviderResult))]
[JsonSerializable(typeof(ListOpenIDConnectProvidersResult))]
internal sealed partial class IamShapesJsonContext : JsonSerializerContext;

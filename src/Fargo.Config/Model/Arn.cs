namespace Fargo.Config.Model;

/// <summary>
/// An Amazon Resource Name read into its fields: <c>arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE</c>. The resource
/// keeps any colons of its own ("secret:name-AbCdEf:key::", "log-group:/ecs/api:*").
/// </summary>
public sealed record Arn(string Partition, string Service, string Region, string Account, string Resource)
{
    private const int Fields = 6;

    /// <summary>The ARN <paramref name="value"/> names, or null when it is not one (no "arn:" prefix, or fewer than six fields).</summary>
    public static Arn? TryParse(string? value)
    {
        if (value is null || !value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = value.Split(':', Fields);
        return parts.Length == Fields ? new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]) : null;
    }

    public override string ToString() => $"arn:{Partition}:{Service}:{Region}:{Account}:{Resource}";
}

/// <summary>
/// A task secret's <c>valueFrom</c> that names a Secrets Manager secret, as ECS reads it: the secret's ARN followed by
/// <c>:json-key:version-stage:version-id</c>, each part optional (empty: the whole SecretString, AWSCURRENT).
/// </summary>
/// <param name="Secret">The secret itself: <c>arn:…:secretsmanager:REGION:ACCOUNT:secret:NAME</c>.</param>
public sealed record SecretsManagerValueFrom(Arn Secret, string? JsonKey, string? VersionStage, string? VersionId)
{
    /// <summary>The reference <paramref name="valueFrom"/> makes, or null when it names no Secrets Manager secret.</summary>
    public static SecretsManagerValueFrom? TryParse(string? valueFrom)
    {
        if (Arn.TryParse(valueFrom) is not { Service: "secretsmanager" } arn)
        {
            return null;
        }

        var resource = arn.Resource.Split(':');
        if (resource is not ["secret", { Length: > 0 } name, ..])
        {
            return null;
        }

        string? At(int index) => index < resource.Length && resource[index].Length > 0 ? resource[index] : null;
        return new SecretsManagerValueFrom(arn with { Resource = "secret:" + name }, At(2), At(3), At(4));
    }
}

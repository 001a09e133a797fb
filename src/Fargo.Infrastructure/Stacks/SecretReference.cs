using Fargo.Config.Model;

namespace Fargo.Infrastructure.Stacks;

/// <summary>
/// Where an explicit secret of fargo.toml lives: an SSM parameter (by name or ARN) or a Secrets Manager
/// secret (by ARN, optionally with a JSON key as ECS accepts it: "arn:…:secret:name-AbCdEf:key::").
/// </summary>
internal abstract record SecretReference
{
    public static SecretReference Parse(string variable, string value)
    {
        if (!value.StartsWith("arn:", StringComparison.Ordinal))
        {
            return new ParameterSecret(value);
        }

        if (Arn.TryParse(value) is { Service: "ssm" } parameter && parameter.Resource.StartsWith("parameter/", StringComparison.Ordinal))
        {
            return new ParameterSecret("/" + parameter.Resource["parameter/".Length..]);
        }

        if (SecretsManagerValueFrom.TryParse(value) is { } secret)
        {
            return new SecretsManagerSecret(secret.Secret.ToString(), secret.JsonKey);
        }

        throw new InfrastructureConfigurationException(
            $"secret {variable} = \"{value}\" is neither an SSM parameter (a name, or an arn:…:ssm:…:parameter/… ARN) nor a Secrets Manager secret ARN");
    }
}

/// <summary>An SSM parameter, by its name as written ("/shared/api-key").</summary>
internal sealed record ParameterSecret(string Name) : SecretReference
{
    /// <summary>The name as it appears in the parameter's ARN: "arn:…:parameter/shared/api-key".</summary>
    public string ArnResourceName => Name.TrimStart('/');
}

/// <summary>A Secrets Manager secret by ARN, and the JSON key to read from it (the whole value when null).</summary>
internal sealed partial record SecretsManagerSecret(string Arn, string? JsonKey) : SecretReference
{
    /// <summary>A complete ARN ends with the 6-character suffix Secrets Manager adds to the name; a partial one does not.</summary>
    public bool IsComplete => CompleteSuffix().IsMatch(Arn);

    /// <summary>The secret as an IAM policy's resource: a partial ARN matches any suffix ("-??????", as AWS documents).</summary>
    public string PolicyResource => IsComplete ? Arn : Arn + "-??????";

    [System.Text.RegularExpressions.GeneratedRegex("-[A-Za-z0-9]{6}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CompleteSuffix();
}

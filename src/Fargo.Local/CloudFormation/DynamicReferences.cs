using System.Text.Json;
using System.Text.Json.Nodes;
using Fargo.Local.Api;
using Fargo.Local.CloudFormation.Resources;
using Fargo.Local.SecretsManager;
using Fargo.Local.Ssm;

namespace Fargo.Local.CloudFormation;

/// <summary>
/// CloudFormation's dynamic references, resolved when a resource is made (never stored in the stack):
/// <c>{{resolve:ssm:NAME[:VERSION]}}</c>, <c>{{resolve:ssm-secure:NAME[:VERSION]}}</c> and
/// <c>{{resolve:secretsmanager:ID[:SecretString[:JSON_KEY[:VERSION_STAGE[:VERSION_ID]]]]}}</c>.
/// </summary>
internal sealed class DynamicReferences(ParameterStore parameters, SecretStore secrets)
{
    public string Resolve(string reference)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        var service = colon < 0 ? reference : reference[..colon];
        var rest = colon < 0 ? "" : reference[(colon + 1)..];
        return service switch
        {
            "ssm" or "ssm-secure" => Parameter(rest, service == "ssm-secure"),
            "secretsmanager" => Secret(rest),
            _ => throw new ResourceFailedException($"Unsupported dynamic reference service {service} in {{{{resolve:{reference}}}}}: use ssm, ssm-secure or secretsmanager."),
        };
    }

    private string Parameter(string nameAndVersion, bool secure)
    {
        try
        {
            var value = parameters.Get(nameAndVersion, withDecryption: secure);
            if (!secure && value.Type == "SecureString")
            {
                throw new ResourceFailedException($"Parameter {nameAndVersion} is a SecureString: reference it with ssm-secure.");
            }

            return value.Value;
        }
        catch (LocalServiceException e) when (e.Code is "ParameterNotFound" or "ParameterVersionNotFound")
        {
            throw new ResourceFailedException($"Parameters: [{nameAndVersion}] cannot be found.");
        }
    }

    /// <summary>ID may be an ARN, which has colons of its own: the ARN's seven parts come first.</summary>
    private string Secret(string spec)
    {
        var parts = spec.Split(':');
        var idParts = spec.StartsWith("arn:", StringComparison.Ordinal) ? Math.Min(7, parts.Length) : 1;
        var id = string.Join(':', parts.Take(idParts));
        var tail = parts.Skip(idParts).ToList();
        string? At(int i) => i < tail.Count && tail[i].Length > 0 ? tail[i] : null;
        if (At(0) is { } kind && kind != "SecretString")
        {
            throw new ResourceFailedException($"Dynamic reference {{{{resolve:secretsmanager:{spec}}}}}: only SecretString can be referenced.");
        }

        SecretValue value;
        try
        {
            value = secrets.GetValue(id, At(3), At(3) is null ? At(2) ?? SecretStore.Current : At(2));
        }
        catch (LocalServiceException e)
        {
            throw new ResourceFailedException($"Could not resolve {{{{resolve:secretsmanager:{id}}}}}: {e.Message}");
        }

        if (At(1) is not { } key)
        {
            return value.SecretString ?? "";
        }

        try
        {
            var document = JsonNode.Parse(value.SecretString ?? "") as JsonObject;
            return document?[key] is { } field
                ? Template.TemplateEvaluator.Text(field) ?? ""
                : throw new ResourceFailedException($"Could not find SecretString key {key} in secret {id}.");
        }
        catch (JsonException)
        {
            throw new ResourceFailedException($"Secret {id} is not JSON, so its key {key} cannot be read.");
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Fargo.Local.Home;

namespace Fargo.Local.Sts;

/// <summary>
/// The container credentials endpoint of the local region, as ECS gives tasks theirs: a task with a task role gets
/// AWS_CONTAINER_CREDENTIALS_FULL_URI (on the engine's loopback endpoint) and AWS_CONTAINER_AUTHORIZATION_TOKEN, the two
/// variables every AWS SDK's default credential chain reads, and a GET there answers temporary credentials of a
/// session of that role, named after the task, while the task is not stopped. The token is an HMAC of the task and role
/// under the region's own secret, so it holds across engine restarts and cannot be made for another task or role.
/// </summary>
internal sealed class TaskRoleCredentials(LocalCredentials regionCredentials, RoleSessions sessions, Func<string, bool> isTaskLive)
{
    public const string Path = "/_fargo/task-credentials";

    /// <summary>ECS's task role sessions last six hours; SDKs fetch new ones before they expire.</summary>
    private static readonly TimeSpan SessionDuration = TimeSpan.FromHours(6);

    /// <summary>The variables a task with <paramref name="roleArn"/> gets, pointing at <paramref name="endpoint"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Variables(Uri endpoint, LocalCredentials regionCredentials, string taskArn, string roleArn) =>
    [
        new("AWS_CONTAINER_CREDENTIALS_FULL_URI",
            $"{endpoint.ToString().TrimEnd('/')}{Path}?task={Uri.EscapeDataString(taskArn)}&role={Uri.EscapeDataString(roleArn)}"),
        new("AWS_CONTAINER_AUTHORIZATION_TOKEN", Token(regionCredentials, taskArn, roleArn)),
    ];

    /// <summary>The answer to a GET of the endpoint: 200 with the credentials, else ECS's refusal without them.</summary>
    public (int Status, TaskCredentialsResponse? Credentials) Handle(string? taskArn, string? roleArn, string? authorization)
    {
        if (string.IsNullOrEmpty(taskArn) || string.IsNullOrEmpty(roleArn) || string.IsNullOrEmpty(authorization)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(authorization), Encoding.ASCII.GetBytes(Token(regionCredentials, taskArn, roleArn))))
        {
            return (401, null);
        }

        if (!isTaskLive(taskArn))
        {
            return (404, null);
        }

        var session = sessions.Issue(roleArn, taskArn[(taskArn.LastIndexOf('/') + 1)..], SessionDuration);
        return (200, new TaskCredentialsResponse(
            session.AccessKeyId,
            session.SecretAccessKey,
            session.SessionToken,
            session.Expiration.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            roleArn));
    }

    private static string Token(LocalCredentials regionCredentials, string taskArn, string roleArn) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(regionCredentials.SecretAccessKey), Encoding.UTF8.GetBytes($"fargo-task-credentials\n{taskArn}\n{roleArn}")));
}

/// <summary>What ECS's credentials endpoint answers (the shape the SDKs' container credential providers read).</summary>
internal sealed record TaskCredentialsResponse(
    [property: JsonPropertyName("AccessKeyId")] string AccessKeyId,
    [property: JsonPropertyName("SecretAccessKey")] string SecretAccessKey,
    [property: JsonPropertyName("Token")] string Token,
    [property: JsonPropertyName("Expiration")] string Expiration,
    [property: JsonPropertyName("RoleArn")] string RoleArn);

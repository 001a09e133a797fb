using System.Text.Json;

namespace Fargo.Aws.Tests.Signing;

/// <summary>
/// Where AWS's SigV4 test suite lives: FARGO_SIGV4_TEST_DIR, else ../shared/conformance/sigv4/v4 beside the
/// repository (the folder holding Fargo.slnx).
/// </summary>
internal static class SigV4TestSuite
{
    public static string Directory { get; } = Locate();

    public static bool IsPresent => System.IO.Directory.Exists(Directory);

    public static IEnumerable<string> CaseNames =>
        IsPresent
            ? System.IO.Directory.GetDirectories(Directory)
                .Where(d => File.Exists(Path.Combine(d, "request.txt")))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(StringComparer.Ordinal)
            : [];

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("FARGO_SIGV4_TEST_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }
        return Path.GetFullPath(RepositoryRoot.Combine("..", "shared", "conformance", "sigv4", "v4"));
    }
}

/// <summary>A theory over the suite's case folders; reported skipped (not passed) when the suite is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SigV4ConformanceTheoryAttribute : TheoryAttribute
{
    public SigV4ConformanceTheoryAttribute()
    {
        if (!SigV4TestSuite.IsPresent)
        {
            Skip = $"The SigV4 test suite is absent ({SigV4TestSuite.Directory}); set FARGO_SIGV4_TEST_DIR to run it.";
        }
    }
}

/// <summary>One case folder: context.json and the request and expected outputs.</summary>
internal sealed record SigV4TestCase(
    string Name,
    string AccessKeyId,
    string SecretAccessKey,
    string? SessionToken,
    string Region,
    string Service,
    DateTimeOffset Timestamp,
    bool Normalize,
    bool SignBody,
    bool OmitSessionToken,
    RawHttpRequest Request,
    string ExpectedCanonicalRequest,
    string ExpectedStringToSign,
    string ExpectedSignature,
    RawHttpRequest ExpectedSignedRequest,
    TimeSpan Expires,
    string ExpectedPresignedCanonicalRequest,
    string ExpectedPresignedStringToSign,
    string ExpectedPresignedSignature,
    RawHttpRequest ExpectedPresignedRequest)
{
    public static SigV4TestCase Load(string name) => LoadFrom(Path.Combine(SigV4TestSuite.Directory, name));

    public static SigV4TestCase LoadFrom(string folder)
    {
        var name = Path.GetFileName(folder);
        string Read(string file) => File.ReadAllText(Path.Combine(folder, file));
        using var context = JsonDocument.Parse(Read("context.json"));
        var root = context.RootElement;
        var credentials = root.GetProperty("credentials");
        bool Flag(string property) => root.TryGetProperty(property, out var value) && value.GetBoolean();
        return new SigV4TestCase(
            name,
            credentials.GetProperty("access_key_id").GetString()!,
            credentials.GetProperty("secret_access_key").GetString()!,
            credentials.TryGetProperty("token", out var token) ? token.GetString() : null,
            root.GetProperty("region").GetString()!,
            root.GetProperty("service").GetString()!,
            DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            Flag("normalize"),
            Flag("sign_body"),
            Flag("omit_session_token"),
            RawHttpRequest.Parse(Read("request.txt")),
            Read("header-canonical-request.txt"),
            Read("header-string-to-sign.txt"),
            Read("header-signature.txt").Trim(),
            RawHttpRequest.Parse(Read("header-signed-request.txt")),
            TimeSpan.FromSeconds(root.GetProperty("expiration_in_seconds").GetInt32()),
            Read("query-canonical-request.txt"),
            Read("query-string-to-sign.txt"),
            Read("query-signature.txt").Trim(),
            RawHttpRequest.Parse(Read("query-signed-request.txt")));
    }
}

/// <summary>An HTTP/1.1 request written out as text, the suite's format: request line, header lines, blank line, body.</summary>
internal sealed record RawHttpRequest(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public static RawHttpRequest Parse(string text)
    {
        var lines = text.Split('\n');
        var requestLine = lines[0].TrimEnd('\r');
        var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
        var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        var index = 1;
        for (; index < lines.Length && lines[index].TrimEnd('\r').Length > 0; index++)
        {
            var line = lines[index].TrimEnd('\r');
            if (line[0] is ' ' or '\t' && headers.Count > 0)
            {
                // A folded header value (obsolete line folding): the line continues the previous header's value.
                var (name, value) = headers[^1];
                headers[^1] = new(name, value + "\n" + line);
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..]));
        }
        var body = index + 1 < lines.Length ? string.Join('\n', lines[(index + 1)..]) : "";
        return new RawHttpRequest(
            method,
            question < 0 ? target : target[..question],
            question < 0 ? "" : target[(question + 1)..],
            headers,
            body);
    }

    public AwsWireRequest ToWire() => new(Method, Path, Query, Headers, System.Text.Encoding.UTF8.GetBytes(Body));

    /// <summary>Headers grouped by lower-cased name, values in order: what "the same headers" means on the wire.</summary>
    public IReadOnlyDictionary<string, string> HeaderSet() =>
        Headers.GroupBy(h => h.Key.ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join("\n", g.Select(h => h.Value.Trim())), StringComparer.Ordinal);
}

using System.Text;
using System.Text.Json;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests;

/// <summary>`fargo local oidc-token` signs with the key in FARGO_HOME without starting the local region.</summary>
public sealed class LocalOidcTokenTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_token_is_printed_without_starting_the_local_region_and_the_key_is_kept_for_it()
    {
        var home = Path.Combine(_folder.Path, "home");
        var environment = new Dictionary<string, string> { ["FARGO_HOME"] = home };

        var first = await FargoProcess.RunAsync(_folder.Path, environment, "local", "oidc-token", "--sub", "repo:o/n:environment:qa");
        var second = await FargoProcess.RunAsync(_folder.Path, environment, "local", "oidc-token", "--sub", "repo:o/n:environment:qa");
        var status = await FargoProcess.RunAsync(_folder.Path, environment, "local", "status");

        Assert.True(first.ExitCode == 0, first.ToString());
        var (header, claims) = Decode(first.Out.Trim());
        Assert.Equal(("https://token.actions.githubusercontent.com", "repo:o/n:environment:qa", "sts.amazonaws.com"), (Text(claims, "iss"), Text(claims, "sub"), Text(claims, "aud")));
        // The second token is signed with the key the first one made: the one the engine will check tokens against.
        Assert.Equal(Text(header, "kid"), Text(Decode(second.Out.Trim()).Header, "kid"));
        var key = Path.Combine(home, "local", "oidc-signing-key.pem");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Contains("not running", status.Out + status.Error, StringComparison.OrdinalIgnoreCase);
    }

    private static (JsonElement Header, JsonElement Claims) Decode(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return (Part(parts[0]), Part(parts[1]));

        static JsonElement Part(string encoded)
        {
            var padded = encoded.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded))).RootElement.Clone();
        }
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();
}

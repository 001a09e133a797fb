using System.Text.Json;
using Fargo.Cli.Tests.EndToEnd.Support;

namespace Fargo.Cli.Tests.EndToEnd;

/// <summary>
/// `fargo local database create|list|delete` against a real local region: what it prints is enough to connect with
/// psql, the password is only ever named, and the data stays until asked for.
/// </summary>
[Collection(LocalRegionCollection.Name)]
public sealed class LocalDatabaseCommandTests(LocalRegionFixture region)
{
    private static readonly string Work = Path.GetTempPath();

    [Fact]
    public async Task Create_prints_what_psql_connects_with_list_shows_it_and_delete_removes_it()
    {
        var created = await region.FargoAsync(Work, "local", "database", "create", "barsdb", "--output", "json");
        Assert.True(created.ExitCode == 0, region.Explain(created));
        using var json = JsonDocument.Parse(created.Out);
        var database = json.RootElement;
        Assert.Equal("available", database.GetProperty("status").GetString());
        var host = database.GetProperty("host").GetString()!;
        var port = database.GetProperty("port").GetInt32();
        var name = database.GetProperty("database").GetString()!;
        var user = database.GetProperty("user").GetString()!;
        var passwordParameter = database.GetProperty("passwordParameter").GetString()!;
        Assert.Equal("/barsdb/DB_PASSWORD", passwordParameter);

        var parameter = await region.AwsAsync("ssm", "get-parameter", "--with-decryption", "--name", passwordParameter);
        Assert.True(parameter.ExitCode == 0, parameter.ToString());
        var password = JsonDocument.Parse(parameter.Out).RootElement.GetProperty("Parameter").GetProperty("Value").GetString()!;
        Assert.DoesNotContain(password, created.Out + created.Error, StringComparison.Ordinal);

        var psql = await E2eProcess.RunAsync(
            Psql(),
            ["-h", host, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", user, "-d", name, "-tAc", "select current_user || '@' || current_database()"],
            Work,
            new Dictionary<string, string?> { ["PGPASSWORD"] = password, ["PGCONNECT_TIMEOUT"] = "10" },
            TimeSpan.FromSeconds(30));
        Assert.True(psql.ExitCode == 0, psql.ToString());
        Assert.Equal($"{user}@{name}", psql.Out.Trim());

        var listed = await region.FargoAsync(Work, "local", "database", "list", "--output", "json");
        Assert.True(listed.ExitCode == 0, region.Explain(listed));
        var names = JsonDocument.Parse(listed.Out).RootElement.EnumerateArray().Select(d => d.GetProperty("name").GetString()).ToList();
        Assert.Contains("barsdb", names);

        var table = await region.FargoAsync(Work, "local", "database", "list");
        Assert.Contains("barsdb", table.Out, StringComparison.Ordinal);
        Assert.Contains("/barsdb/DB_PASSWORD", table.Out, StringComparison.Ordinal);

        var deleted = await region.FargoAsync(Work, "local", "database", "delete", "barsdb", "--data");
        Assert.True(deleted.ExitCode == 0, region.Explain(deleted));
        var after = await region.FargoAsync(Work, "local", "database", "list", "--output", "json");
        Assert.DoesNotContain("barsdb", after.Out, StringComparison.Ordinal);

        var again = await region.FargoAsync(Work, "local", "database", "delete", "barsdb");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("Database barsdb not found", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_the_region_refuses_is_a_usage_error_that_says_why()
    {
        var result = await region.FargoAsync(Work, "local", "database", "create", "Bad_Name!");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Database name 'Bad_Name!' is not valid", result.Error, StringComparison.Ordinal);
    }

    /// <summary>psql from PATH or Debian's PostgreSQL (test.sh installs it).</summary>
    private static string Psql()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "psql"))
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")) : []);
        return candidates.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException("psql is not installed (Debian: apt-get install postgresql-client).");
    }
}

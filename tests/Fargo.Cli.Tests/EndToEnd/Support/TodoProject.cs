using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd.Support;

/// <summary>
/// A copy of examples/todo-api in a temporary folder, as a user's own checkout would be: the tests change its code
/// (a new version, a version whose /_health fails) without touching the repository.
/// </summary>
public sealed class TodoProject : IDisposable
{
    public const string HealthyLine = "return Results.Ok(new HealthReport(\"healthy\", version));";
    public const string VersionLine = "var version = Environment.GetEnvironmentVariable(\"APP_VERSION\") ?? \"dev\";";

    public TodoProject()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fargo-e2e-todo-" + Guid.NewGuid().ToString("N")[..8]);
        Copy(Repository.Example, Path);
    }

    public string Path { get; }

    private string ProgramFile => System.IO.Path.Combine(Path, "src", "TodoApi", "Program.cs");

    /// <summary>The version "/" reports when APP_VERSION is not set.</summary>
    public void SetDefaultVersion(string version) => Replace(VersionLine, VersionLine.Replace("\"dev\"", $"\"{version}\"", StringComparison.Ordinal));

    /// <summary>
    /// Gives the app and its API another name (their stacks, repositories, services and database then are their own):
    /// every "todo-api" of fargo.toml, the app's name and the API's tables alike.
    /// </summary>
    public void Rename(string name)
    {
        var file = System.IO.Path.Combine(Path, "fargo.toml");
        var text = File.ReadAllText(file);
        Assert.Contains("name = \"todo-api\"", text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace("todo-api", name, StringComparison.Ordinal));
    }

    /// <summary>
    /// Leaves the example's API alone in its fargo.toml (<see cref="WithoutWorker"/>): the app is one service, and
    /// commands need no --service.
    /// </summary>
    public void OnlyTheApi()
    {
        var file = System.IO.Path.Combine(Path, "fargo.toml");
        var text = File.ReadAllText(file);
        var alone = WithoutWorker(text);
        Assert.NotEqual(text, alone);
        File.WriteAllText(file, alone);
    }

    /// <summary>The example's fargo.toml without its worker's tables ([services.todo-worker…], [environments.E.services.todo-worker]).</summary>
    public static string WithoutWorker(string text)
    {
        var skipping = false;
        return string.Join('\n', text.Split('\n').Where(line =>
        {
            if (line.StartsWith('['))
            {
                skipping = line.Contains("services.todo-worker", StringComparison.Ordinal);
            }

            return !skipping;
        }));
    }

    /// <summary>Replaces a text of fargo.toml that must be there.</summary>
    public void Edit(string before, string after)
    {
        var file = System.IO.Path.Combine(Path, "fargo.toml");
        var text = File.ReadAllText(file);
        Assert.Contains(before, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(before, after, StringComparison.Ordinal));
    }

    /// <summary>Makes /_health answer 500 (or, with false, healthy again).</summary>
    public void BreakHealth(bool broken)
    {
        const string failing = "return Results.Json(new HealthReport(\"broken on purpose\", version), TodoJsonContext.Default.HealthReport, statusCode: 500);";
        if (broken)
        {
            Replace(HealthyLine, failing);
        }
        else
        {
            Replace(failing, HealthyLine);
        }
    }

    /// <summary>Makes the local environment one that requires approval (or, with false, one that does not).</summary>
    public void RequireApproval(bool required)
    {
        var file = System.IO.Path.Combine(Path, "fargo.toml");
        const string plain = "[environments.local]\n";
        const string approved = "[environments.local]\nrequires_approval = true\n";
        var text = File.ReadAllText(file);
        Assert.Contains(required ? plain : approved, text, StringComparison.Ordinal);
        File.WriteAllText(file, required ? text.Replace(plain, approved, StringComparison.Ordinal) : text.Replace(approved, plain, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // In /tmp; nothing depends on it any more.
        }
    }

    private void Replace(string from, string to)
    {
        var text = File.ReadAllText(ProgramFile);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(ProgramFile, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = System.IO.Path.GetFileName(directory);
            if (name is "bin" or "obj")
            {
                continue;
            }

            Copy(directory, System.IO.Path.Combine(to, name));
        }
    }
}

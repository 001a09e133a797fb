using System.Text;

namespace Fargo.Deploy.Tests.Images;

/// <summary>
/// A stand-in for the docker executable: a shell script that records each call (its arguments one per line, and the
/// config.json of --config DIR with the folder's and file's modes, as they were at that moment), and whose `push`
/// records the image it was asked to push and answers with the given exit code and message.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // A shell script stands in for docker.
internal sealed class FakeEngine : IDisposable
{
    public FakeEngine(int pushExitCode = 0, string pushMessage = "latest: digest: sha256:… size: 1234")
    {
        Folder = Path.Combine(Path.GetTempPath(), "fargo-fake-engine-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Folder, "calls"));
        Executable = Path.Combine(Folder, "docker");
        File.WriteAllText(Executable, Script(pushExitCode, pushMessage));
        File.SetUnixFileMode(Executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Folder { get; }

    public string Executable { get; }

    /// <summary>The calls, in order.</summary>
    public IReadOnlyList<FakeEngineCall> Calls =>
        [.. Directory.EnumerateDirectories(Path.Combine(Folder, "calls"))
            .OrderBy(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture))
            .Select(d => new FakeEngineCall(
                File.ReadAllLines(Path.Combine(d, "argv")),
                Read(d, "config.json"),
                Read(d, "dir-mode")?.Trim(),
                Read(d, "file-mode")?.Trim()))];

    /// <summary>The image the last push named, or null.</summary>
    public string? PushedImage => Read(Folder, "pushed")?.Trim();

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string? Read(string folder, string name) => File.Exists(Path.Combine(folder, name)) ? File.ReadAllText(Path.Combine(folder, name)) : null;

    private string Script(int pushExitCode, string pushMessage)
    {
        var script = new StringBuilder();
        script.Append("#!/bin/sh\n");
        script.Append("root='").Append(Folder).Append("'\n");
        script.Append("n=$(ls \"$root/calls\" | wc -l)\n");
        script.Append("call=\"$root/calls/$n\"; mkdir \"$call\"; : > \"$call/argv\"\n");
        script.Append("for a in \"$@\"; do printf '%s\\n' \"$a\" >> \"$call/argv\"; done\n");
        script.Append("prev=''; last=''\n");
        script.Append("for a in \"$@\"; do\n");
        script.Append("  if [ \"$prev\" = --config ]; then cp \"$a/config.json\" \"$call/config.json\"; stat -c %a \"$a\" > \"$call/dir-mode\"; stat -c %a \"$a/config.json\" > \"$call/file-mode\"; fi\n");
        script.Append("  prev=\"$a\"; last=\"$a\"\n");
        script.Append("done\n");
        script.Append("case \" $* \" in *' push '*)\n");
        script.Append("  printf '%s\\n' \"$last\" > \"$root/pushed\"\n");
        script.Append("  echo '").Append(pushMessage.Replace("'", "", StringComparison.Ordinal)).Append("'\n");
        script.Append("  exit ").Append(pushExitCode).Append(";;\n");
        script.Append("esac\n");
        script.Append("exit 0\n");
        return script.ToString();
    }
}

internal sealed record FakeEngineCall(IReadOnlyList<string> Arguments, string? Config, string? ConfigFolderMode, string? ConfigFileMode);

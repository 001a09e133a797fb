using System.Text;

namespace Fargo.Cli.Tests.Images;

/// <summary>
/// A stand-in for docker (or podman): a shell script in its own folder, to put first on PATH. Every call is recorded
/// (arguments one per line; for --config DIR, the config.json it was handed, as it was during the call). `version`
/// answers with the engine's platform; `build` and `buildx` leave an image folder for the tag; `run` (the --test) exits
/// with <c>runExitCode</c>; `push` runs <c>pushCommand</c> (with $IMAGE and $ARTIFACT set) when there is one.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // A shell script stands in for the engine.
internal sealed class FakeContainerEngine : IDisposable
{
    public FakeContainerEngine(string name = "docker", string platform = "linux/amd64", int runExitCode = 0, string? pushCommand = null)
    {
        Folder = Path.Combine(Path.GetTempPath(), "fargo-fake-" + name + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Folder, "bin"));
        Directory.CreateDirectory(Path.Combine(Folder, "calls"));
        Directory.CreateDirectory(Path.Combine(Folder, "images"));
        var executable = Path.Combine(Folder, "bin", name);
        File.WriteAllText(executable, Script(platform, runExitCode, pushCommand));
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Folder { get; }

    /// <summary>The folder to put first on PATH.</summary>
    public string BinFolder => Path.Combine(Folder, "bin");

    /// <summary>Every call but the `version` probes, in order.</summary>
    public IReadOnlyList<RecordedCall> Calls =>
        [.. Directory.EnumerateDirectories(Path.Combine(Folder, "calls"))
            .OrderBy(d => int.Parse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture))
            .Select(d => new RecordedCall(File.ReadAllLines(Path.Combine(d, "argv")), ReadOrNull(Path.Combine(d, "config.json"))))
            .Where(c => c.Arguments.Count == 0 || c.Arguments[0] != "version")];

    public string? ReadFile(string relative) => ReadOrNull(Path.Combine(Folder, relative));

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static string? ReadOrNull(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    private string Script(string platform, int runExitCode, string? pushCommand)
    {
        var s = new StringBuilder();
        s.Append("#!/bin/sh\n");
        s.Append("root='").Append(Folder).Append("'\n");
        s.Append("n=$(ls \"$root/calls\" | wc -l)\n");
        s.Append("call=\"$root/calls/$n\"; mkdir \"$call\"; : > \"$call/argv\"\n");
        s.Append("for a in \"$@\"; do printf '%s\\n' \"$a\" >> \"$call/argv\"; done\n");
        s.Append("prev=''; last=''; tag=''\n");
        s.Append("for a in \"$@\"; do\n");
        s.Append("  if [ \"$prev\" = --config ]; then cp \"$a/config.json\" \"$call/config.json\"; fi\n");
        s.Append("  if [ \"$prev\" = --tag ]; then tag=\"$a\"; fi\n");
        s.Append("  prev=\"$a\"; last=\"$a\"\n");
        s.Append("done\n");
        s.Append("artifact() { printf '%s' \"$1\" | tr '/:' '__'; }\n");
        s.Append("case \"$1\" in\n");
        s.Append("  version) echo '").Append(platform).Append("'; exit 0;;\n");
        s.Append("  build|buildx) echo 'Step 1/1 : FROM scratch'; d=\"$root/images/$(artifact \"$tag\")\"; mkdir -p \"$d\"; printf '%s\\n' \"$tag\" > \"$d/built-as\"; exit 0;;\n");
        s.Append("  run) echo 'self-test output'; exit ").Append(runExitCode).Append(";;\n");
        s.Append("esac\n");
        s.Append("case \" $* \" in *' push '*)\n");
        s.Append("  IMAGE=\"$last\"; ARTIFACT=\"$root/images/$(artifact \"$last\")\"; export IMAGE ARTIFACT\n");
        if (pushCommand is not null)
        {
            s.Append("  ").Append(pushCommand).Append('\n');
            s.Append("  exit $?;;\n");
        }
        else
        {
            s.Append("  exit 0;;\n");
        }

        s.Append("esac\n");
        s.Append("exit 0\n");
        return s.ToString();
    }
}

internal sealed record RecordedCall(IReadOnlyList<string> Arguments, string? Config);

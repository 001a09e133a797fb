using Fargo.Config.Model;
using Fargo.Deploy.Local;
using Fargo.Deploy.Tests.Rendering;

namespace Fargo.Deploy.Tests.Local;

public sealed class LocalBuildTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("fargo-local-build-");

    public void Dispose() => _root.Delete(recursive: true);

    private static ServiceSettings WithBuild(string build) => TestSettings.For(environment: "local", account: "000000000000", region: "local") with
    {
        Local = new LocalSettings(build, "dotnet App.dll"),
    };

    [Fact]
    public async Task The_build_writes_into_a_fresh_out_folder_with_the_version_in_its_environment()
    {
        var lines = new List<string>();
        var result = await LocalBuild.RunAsync(
            WithBuild("echo \"built $FARGO_VERSION\"; echo \"$FARGO_VERSION\" > {out}/VERSION"),
            _root.FullName,
            Path.Combine(_root.FullName, "builds"),
            "v7",
            new SynchronousProgress(lines),
            CancellationToken.None);

        Assert.Equal("v7\n", File.ReadAllText(Path.Combine(result.OutputDirectory, "VERSION")));
        Assert.Contains("built v7", lines);
    }

    [Fact]
    public async Task A_failing_build_names_its_command_exit_code_and_last_lines()
    {
        var build = "echo {out} > /dev/null; echo compiling >&2; echo 'error CS1002: ; expected' >&2; exit 3";

        var error = await Assert.ThrowsAsync<DeployException>(() => LocalBuild.RunAsync(
            WithBuild(build), _root.FullName, Path.Combine(_root.FullName, "builds"), "v7", null, CancellationToken.None));

        Assert.Equal($"The build `{build}` failed with exit code 3. Its last lines:\n  compiling\n  error CS1002: ; expected", error.Message);
    }

    private sealed class SynchronousProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}

using System.Text.Json;

namespace Fargo.Infrastructure.Toolkit;

/// <summary>
/// The pinned CDK toolkit (npm aws-cdk), installed on first use under the tools folder
/// (FARGO_HOME/tools/aws-cdk/&lt;version&gt;) with `npm install --prefix`.
/// </summary>
/// <remarks>
/// 2.160.0 is the toolkit released with Amazon.CDK.Lib 2.160.0: it reads the cloud assembly schema 38 that
/// the library writes. The version is pinned so that every machine deploys with the same toolkit.
/// </remarks>
public sealed class CdkToolkitInstallation
{
    public const string Version = "2.160.0";

    private readonly string _toolsDirectory;
    private readonly IProcessRunner _runner;

    public CdkToolkitInstallation(string toolsDirectory, IProcessRunner runner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toolsDirectory);
        ArgumentNullException.ThrowIfNull(runner);
        _toolsDirectory = Path.GetFullPath(toolsDirectory);
        _runner = runner;
    }

    /// <summary>Where the pinned toolkit lives once installed.</summary>
    public string InstallDirectory => Path.Combine(_toolsDirectory, "aws-cdk", Version);

    /// <summary>The toolkit's entry script, run with node.</summary>
    public string EntryPoint => EntryPointIn(InstallDirectory);

    public bool IsInstalled => InstalledVersion(InstallDirectory) == Version;

    internal static string EntryPointIn(string prefix) => Path.Combine(prefix, "node_modules", "aws-cdk", "bin", "cdk");

    /// <summary>The npm command that installs the pinned toolkit under <paramref name="prefix"/>.</summary>
    public static ProcessSpec InstallCommand(string npm, string prefix) => new(
        npm,
        ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--no-update-notifier", "--loglevel=error", "--save-exact", $"aws-cdk@{Version}"]);

    /// <summary>Installs the toolkit unless it is there already; returns its entry script.</summary>
    public async Task<string> EnsureInstalledAsync(Action<OutputLine> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (IsInstalled)
        {
            return EntryPoint;
        }

        var npm = NodeRuntime.FindOnPath(["npm", "npm.cmd"], Environment.GetEnvironmentVariable("PATH"), File.Exists)
            ?? throw new InfrastructureException(
                $"npm was not found on the PATH. Fargo installs the AWS CDK toolkit (aws-cdk {Version}) with it once, into {InstallDirectory}. npm comes with Node.js: install both and run the command again.");

        // Install into a fresh folder, then move it in place: an interrupted or concurrent install never
        // leaves a half-written toolkit where a later run would take it as complete.
        var parent = Path.GetDirectoryName(InstallDirectory)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".install-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            progress(new OutputLine(OutputSource.StandardError, $"Installing the AWS CDK toolkit {Version} into {InstallDirectory} (once)…"));
            var exitCode = await _runner.RunAsync(InstallCommand(npm, staging), progress, cancellationToken);
            if (exitCode != 0 || InstalledVersion(staging) != Version)
            {
                throw new InfrastructureException(
                    $"npm could not install aws-cdk@{Version} (exit code {exitCode}); its output above says why. Check that the npm registry is reachable, then run the command again.");
            }

            try
            {
                Directory.Move(staging, InstallDirectory);
            }
            catch (IOException) when (IsInstalled)
            {
                // Another run installed it meanwhile; theirs is as good as ours.
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return EntryPoint;
    }

    internal static string? InstalledVersion(string prefix)
    {
        var manifest = Path.Combine(prefix, "node_modules", "aws-cdk", "package.json");
        if (!File.Exists(manifest) || !File.Exists(EntryPointIn(prefix)))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
            return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

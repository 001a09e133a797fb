using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Fargo.Config.Json;
using Fargo.Config.Model;

namespace Fargo.Infrastructure;

/// <summary>
/// Synthesized assemblies kept by content: an environment whose effective settings (and repository placement) are
/// those of an earlier synthesis by the same build of Fargo is not synthesized again. The key is the SHA-256 of the
/// settings as `fargo render config` shows them, the placement, and the Fargo.Infrastructure build (its module
/// version id, new with every build), so a changed fargo.toml or a new Fargo synthesizes afresh. One folder per key
/// under the cache root (FARGO_HOME/cache/synth); a folder is complete once its assembly.json is written.
/// </summary>
public sealed class SynthesisCache(string root)
{
    private const string RecordFile = "fargo-assembly.json";

    /// <summary>Entries kept beyond the newest: older ones are removed so the cache does not grow without end.</summary>
    private const int KeptEntries = 8;

    public string Root { get; } = Path.GetFullPath(root ?? throw new ArgumentNullException(nameof(root)));

    /// <summary>The cache key of an environment's synthesis.</summary>
    public static string KeyOf(ServiceSettings settings, RepositoryPlacement repository) => KeyOf([settings], _ => repository);

    /// <summary>The cache key of an app's synthesis: every service's settings and repository placement, in order.</summary>
    public static string KeyOf(IReadOnlyList<ServiceSettings> services, Func<ServiceSettings, RepositoryPlacement> repository)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(repository);
        var text = new StringBuilder().Append(typeof(SynthesisCache).Assembly.ManifestModule.ModuleVersionId.ToString("N"));
        foreach (var settings in services)
        {
            var placement = repository(settings);
            text.Append('\n').Append(ServiceSettingsJson.Serialize(settings)).Append('\n')
                .Append(placement.Owns).Append('|').Append(placement.OwnerEnvironment).Append('|').AppendJoin(',', placement.SharedWith);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>
    /// The assembly of <paramref name="settings"/>: from the cache when there, else from <paramref name="synthesize"/>
    /// (given the folder to write into), then kept.
    /// </summary>
    public async Task<CachedSynthesis> GetOrSynthesizeAsync(
        ServiceSettings settings,
        RepositoryPlacement repository,
        Func<string, CancellationToken, Task<SynthesizedAssembly>> synthesize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(synthesize);
        var app = await GetOrSynthesizeAppAsync([settings], _ => repository, async (directory, token) => [await synthesize(directory, token).ConfigureAwait(false)], cancellationToken).ConfigureAwait(false);
        return new CachedSynthesis(app.Assemblies[0], app.FromCache, app.Elapsed);
    }

    /// <summary>
    /// The assemblies of an app's services (one per service, sharing the environment template): from the cache when
    /// there, else from <paramref name="synthesize"/> (given the folder to write into), then kept.
    /// </summary>
    public async Task<CachedAppSynthesis> GetOrSynthesizeAppAsync(
        IReadOnlyList<ServiceSettings> services,
        Func<ServiceSettings, RepositoryPlacement> repository,
        Func<string, CancellationToken, Task<IReadOnlyList<SynthesizedAssembly>>> synthesize,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(synthesize);
        var key = KeyOf(services, repository);
        var directory = Path.Combine(Root, key);
        var record = Path.Combine(directory, RecordFile);
        var clock = Stopwatch.StartNew();
        if (File.Exists(record) && Read(record) is { } cached)
        {
            Directory.SetLastWriteTimeUtc(directory, DateTime.UtcNow);
            return new CachedAppSynthesis([.. cached.Select(a => MovedTo(a, directory))], true, clock.Elapsed);
        }

        // Written beside the final folder, then moved into place: a crash never leaves a half assembly under the key.
        var staging = Path.Combine(Root, $".{key}.{Environment.ProcessId}");
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(Root);
        var assemblies = await synthesize(staging, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(staging, RecordFile), JsonSerializer.Serialize(assemblies, SynthesisCacheJson.Default.IReadOnlyListSynthesizedAssembly), cancellationToken).ConfigureAwait(false);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.Move(staging, directory);
        Prune(directory);
        return new CachedAppSynthesis([.. assemblies.Select(a => MovedTo(a, directory))], false, clock.Elapsed);
    }

    private static SynthesizedAssembly MovedTo(SynthesizedAssembly assembly, string directory) =>
        assembly with { Directory = directory, EnvironmentTemplate = Path.Combine(directory, Path.GetFileName(assembly.EnvironmentTemplate)), ServiceTemplate = Path.Combine(directory, Path.GetFileName(assembly.ServiceTemplate)) };

    private static IReadOnlyList<SynthesizedAssembly>? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), SynthesisCacheJson.Default.IReadOnlyListSynthesizedAssembly);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Prune(string keep)
    {
        var entries = new DirectoryInfo(Root).GetDirectories()
            .Where(d => !d.Name.StartsWith('.') && d.FullName != keep)
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .Skip(KeptEntries - 1);
        foreach (var entry in entries)
        {
            try
            {
                entry.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Another process may be reading it; the next prune takes it.
            }
        }
    }
}

/// <summary>An assembly from the cache or freshly synthesized, and how long getting it took.</summary>
public sealed record CachedSynthesis(SynthesizedAssembly Assembly, bool FromCache, TimeSpan Elapsed);

/// <summary>An app's assemblies (one per service, in the order synthesized) from the cache or freshly synthesized.</summary>
public sealed record CachedAppSynthesis(IReadOnlyList<SynthesizedAssembly> Assemblies, bool FromCache, TimeSpan Elapsed)
{
    /// <summary>The assembly of one service of the app.</summary>
    public CachedSynthesis Of(string service) =>
        new(Assemblies.First(a => a.Stacks.Service == $"{a.Stacks.Environment}-{service}"), FromCache, Elapsed);
}

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(SynthesizedAssembly))]
[JsonSerializable(typeof(IReadOnlyList<SynthesizedAssembly>))]
internal sealed partial class SynthesisCacheJson : JsonSerializerContext;

using System.Text.Json;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.Images;

/// <summary>
/// `fargo build` and `fargo push` of an app on a real local region, without --service: the services that share a
/// [local] build in one folder are built once, and each service's image is pushed into its own repository.
/// </summary>
[Collection(LocalRegionCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AppLocalImagesTests(LocalRegionFixture region) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_apps_shared_build_runs_once_and_push_puts_each_services_image_into_its_own_repository()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (api, worker) = ($"api{suffix}", $"worker{suffix}");
        // Each run of the build appends a line: one line means it ran once.
        var runs = _folder.File("runs.log");
        _folder.Write("fargo.toml", $$"""
            name = "shop{{suffix}}"
            port = 8080

            [local]
            build = "echo built >> '{{runs}}' && echo \"$FARGO_VERSION\" > {out}/version.txt"
            command = "sh -c 'sleep 600'"

            [services.{{api}}]

            [services.{{worker}}]
            kind = "worker"
            """);

        var build = await region.FargoAsync(_folder.Path, "build", "--version", "v1", "--output", "json");
        var push = await region.FargoAsync(_folder.Path, "push", "--version", "v1", "--output", "json");

        Assert.True(build.ExitCode == 0, region.Explain(build));
        Assert.Equal(["built"], File.ReadAllLines(runs));
        using var builds = JsonDocument.Parse(build.Out);
        var outputs = builds.RootElement.EnumerateArray().Select(b => (b.GetProperty("service").GetString(), b.GetProperty("output").GetString())).ToList();
        Assert.Equal([api, worker], outputs.Select(o => o.Item1));
        Assert.Equal(outputs[0].Item2, outputs[1].Item2);

        Assert.True(push.ExitCode == 0, region.Explain(push));
        using var pushes = JsonDocument.Parse(push.Out);
        var images = pushes.RootElement.EnumerateArray().Select(p => p.GetProperty("image").GetString()!).ToList();
        Assert.Equal(2, images.Count);
        // Pinned by digest, each in its own repository.
        Assert.Contains($"/{api}@sha256:", images[0], StringComparison.Ordinal);
        Assert.Contains($"/{worker}@sha256:", images[1], StringComparison.Ordinal);
        foreach (var repository in new[] { api, worker })
        {
            var described = await region.AwsAsync("ecr", "describe-images", "--repository-name", repository);
            Assert.True(described.ExitCode == 0, region.Explain(described));
            using var json = JsonDocument.Parse(described.Out);
            Assert.Equal(["v1"], json.RootElement.GetProperty("imageDetails")[0].GetProperty("imageTags").EnumerateArray().Select(t => t.GetString()));
        }
    }

    [Fact]
    public async Task Push_of_a_version_never_built_names_the_first_service_and_pushes_nothing()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        _folder.Write("fargo.toml", $$"""
            name = "shop{{suffix}}"
            port = 8080

            [local]
            build = "echo > {out}/app.txt"
            command = "sh -c 'sleep 600'"

            [services.api{{suffix}}]

            [services.worker{{suffix}}]
            kind = "worker"
            """);

        var push = await region.FargoAsync(_folder.Path, "push", "--version", "never-built");

        Assert.Equal(2, push.ExitCode);
        Assert.Contains($"There is no build of api{suffix} never-built", push.Error, StringComparison.Ordinal);
        Assert.Contains($"api{suffix} failed (none before it); the 1 service(s) after it were not attempted.", push.Error, StringComparison.Ordinal);
    }
}

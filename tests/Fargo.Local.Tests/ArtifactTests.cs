using System.Formats.Tar;
using Fargo.Local.Artifacts;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>The image format of the local ECR: a folder, identified by the SHA-256 of its canonical manifest.</summary>
public sealed class ArtifactTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_manifest_lists_every_entry_in_canonical_order_with_hashes_and_the_digest_is_its_sha256()
    {
        var root = _temp.Combine("app");
        _temp.Write("app/b.txt", "bee");
        _temp.Write("app/a/run.sh", "#!/bin/sh\n", executable: true);
        File.CreateSymbolicLink(_temp.Combine("app", "current"), "a");

        var manifest = ArtifactManifest.FromDirectory(root);

        Assert.Equal(
            "fargo-artifact-v1\n" +
            "d\ta\n" +
            "f\t755\t10\t" + Sha256("#!/bin/sh\n") + "\ta/run.sh\n" +
            "f\t644\t3\t" + Sha256("bee") + "\tb.txt\n" +
            "l\tcurrent\ta\n",
            manifest.Text);
        Assert.Equal("sha256:" + Sha256(manifest.Text), manifest.Digest);
        Assert.Equal(13, manifest.TotalFileBytes);
    }

    [Fact]
    public void The_digest_changes_with_content_names_and_the_execute_bit_but_not_with_times()
    {
        var root = _temp.Combine("app");
        var file = _temp.Write("app/server.py", "print(1)");
        var original = ArtifactManifest.FromDirectory(root).Digest;

        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-3));
        Assert.Equal(original, ArtifactManifest.FromDirectory(root).Digest);

        File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.UserExecute);
        var executable = ArtifactManifest.FromDirectory(root).Digest;
        Assert.NotEqual(original, executable);

        File.WriteAllText(file, "print(2)");
        Assert.NotEqual(executable, ArtifactManifest.FromDirectory(root).Digest);
    }

    [Fact]
    public async Task A_tar_upload_extracts_to_a_folder_with_the_same_digest()
    {
        var root = _temp.Combine("app");
        _temp.Write("app/lib/x.dll", "binary-ish");
        _temp.Write("app/start", "#!/bin/sh\necho hi\n", executable: true);
        Directory.CreateDirectory(_temp.Combine("app", "empty"));
        File.CreateSymbolicLink(_temp.Combine("app", "lib", "y.dll"), "x.dll");
        using var tar = new MemoryStream();

        await ArtifactTar.WriteAsync(root, tar, CancellationToken.None);
        tar.Position = 0;
        using var store = new ArtifactStore(_temp.Combine("images"), _temp.Combine("uploads"));
        var stored = await store.ImportAsync(tar, null, CancellationToken.None);

        Assert.Equal(ArtifactManifest.FromDirectory(root).Digest, stored.Digest);
        var extracted = store.TryGetRoot(stored.Digest)!;
        Assert.Equal("#!/bin/sh\necho hi\n", File.ReadAllText(Path.Combine(extracted, "start")));
        Assert.Equal("x.dll", new FileInfo(Path.Combine(extracted, "lib", "y.dll")).LinkTarget);
        Assert.Equal(stored.Text, store.TryGetManifest(stored.Digest)!.Text);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Combine("uploads")));
    }

    [Fact]
    public async Task The_same_directory_always_gives_the_same_tar_bytes()
    {
        var root = _temp.Combine("app");
        _temp.Write("app/one", "1");
        _temp.Write("app/two/three", "3");
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        await ArtifactTar.WriteAsync(root, first, CancellationToken.None);
        File.SetLastWriteTimeUtc(_temp.Combine("app", "one"), DateTime.UtcNow.AddYears(-1));
        await ArtifactTar.WriteAsync(root, second, CancellationToken.None);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("/etc/passwd-copy")]
    [InlineData("a/../../escape.txt")]
    public async Task A_tar_entry_that_would_land_outside_the_image_is_refused(string name)
    {
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("x"u8.ToArray()) };
            await writer.WriteEntryAsync(entry);
        }

        tar.Position = 0;
        using var store = new ArtifactStore(_temp.Combine("images"), _temp.Combine("uploads"));

        await Assert.ThrowsAsync<ArtifactException>(() => store.ImportAsync(tar, null, CancellationToken.None));
        Assert.False(File.Exists(_temp.Combine("escape.txt")));
        Assert.Empty(store.Digests());
    }

    [Theory]
    [InlineData("link", "../outside")]
    [InlineData("sub/link", "../../outside")]
    [InlineData("abs", "/etc")]
    public void A_symbolic_link_out_of_the_image_is_refused(string path, string target)
    {
        Assert.Throws<ArtifactException>(() => ArtifactManifest.CheckLinkTarget(path, target));
    }

    [Fact]
    public async Task An_entry_written_through_a_link_of_the_archive_is_refused()
    {
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.SymbolicLink, "here") { LinkName = "." });
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "here/x") { DataStream = new MemoryStream("x"u8.ToArray()) });
        }

        tar.Position = 0;
        using var store = new ArtifactStore(_temp.Combine("images"), _temp.Combine("uploads"));

        await Assert.ThrowsAsync<ArtifactException>(() => store.ImportAsync(tar, null, CancellationToken.None));
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task The_store_deletes_what_nobody_keeps_once_it_is_older_than_the_grace_and_a_re_upload_counts_as_new()
    {
        using var store = new ArtifactStore(_temp.Combine("images"), _temp.Combine("uploads"));
        async Task<string> Store(string name, string content)
        {
            _temp.Write(name + "/app.txt", content);
            using var tar = new MemoryStream();
            await ArtifactTar.WriteAsync(_temp.Combine(name), tar, CancellationToken.None);
            tar.Position = 0;
            return (await store.ImportAsync(tar, null, CancellationToken.None)).Digest;
        }

        var kept = await Store("kept", "v1");
        var dropped = await Store("dropped", "v2");
        var reused = await Store("reused", "v3");
        var graceEnd = DateTimeOffset.UtcNow;
        Assert.Equal(reused, await Store("reused-again", "v3"));

        var deleted = await store.DeleteUnreferencedAsync(new HashSet<string> { kept }, graceEnd, CancellationToken.None);

        Assert.Equal([dropped], deleted);
        Assert.NotNull(store.TryGetRoot(kept));
        Assert.Null(store.TryGetRoot(dropped));
        Assert.NotNull(store.TryGetRoot(reused));
        Assert.Equal(new[] { kept, reused }.Order(StringComparer.Ordinal), store.Digests().Order(StringComparer.Ordinal));
    }
}

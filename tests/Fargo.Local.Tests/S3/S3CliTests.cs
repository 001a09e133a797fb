using System.Security.Cryptography;
using System.Text.Json;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.S3;

/// <summary>
/// The local region's S3 through the official AWS CLI: the high-level `aws s3` commands (cp, ls, sync, rm, rb, with a
/// file over the CLI's 8 MiB multipart threshold) and `aws s3api` calls, with AWS's errors.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class S3CliTests(EngineFixture engine) : IClassFixture<EngineFixture>
{
    [Fact]
    public async Task A_folder_with_a_file_over_the_multipart_threshold_syncs_up_and_back_byte_for_byte()
    {
        var folder = Path.Combine(engine.WorkDirectory, "upload");
        Directory.CreateDirectory(Path.Combine(folder, "nested"));
        var big = RandomNumberGenerator.GetBytes(20 * 1024 * 1024 + 123);
        await File.WriteAllBytesAsync(Path.Combine(folder, "big.bin"), big);
        await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), "alpha");
        await File.WriteAllTextAsync(Path.Combine(folder, "nested", "b.txt"), "beta");
        Ok(await engine.AwsAsync("s3", "mb", "s3://cli-sync"));

        Ok(await engine.AwsAsync("s3", "sync", folder, "s3://cli-sync/data/", "--no-progress"));

        var listing = Ok(await engine.AwsAsync("s3", "ls", "s3://cli-sync/data/"));
        Assert.Contains("PRE nested/", listing.Out, StringComparison.Ordinal);
        Assert.Contains($"{big.Length} big.bin", listing.Out, StringComparison.Ordinal);
        var head = Ok(await engine.AwsAsync("s3api", "head-object", "--bucket", "cli-sync", "--key", "data/big.bin")).Json();
        Assert.EndsWith("-3\"", head.GetProperty("ETag").GetString(), StringComparison.Ordinal);

        var back = Path.Combine(engine.WorkDirectory, "download");
        Ok(await engine.AwsAsync("s3", "sync", "s3://cli-sync/data/", back, "--no-progress"));
        Assert.Equal(big, await File.ReadAllBytesAsync(Path.Combine(back, "big.bin")));
        Assert.Equal("beta", await File.ReadAllTextAsync(Path.Combine(back, "nested", "b.txt")));

        // Nothing changed: a second sync copies nothing.
        var again = Ok(await engine.AwsAsync("s3", "sync", folder, "s3://cli-sync/data/", "--no-progress"));
        Assert.Equal("", again.Out.Trim());

        Ok(await engine.AwsAsync("s3", "cp", "s3://cli-sync/data/a.txt", "s3://cli-sync/copy/a.txt"));
        Assert.Equal("alpha", Ok(await engine.AwsAsync("s3", "cp", "s3://cli-sync/copy/a.txt", "-")).Out);

        var refused = await engine.AwsAsync("s3", "rb", "s3://cli-sync");
        Assert.Contains("BucketNotEmpty", refused.Error, StringComparison.Ordinal);
        Ok(await engine.AwsAsync("s3", "rm", "s3://cli-sync/", "--recursive"));
        Assert.Equal("", Ok(await engine.AwsAsync("s3", "ls", "s3://cli-sync/", "--recursive")).Out.Trim());
        Ok(await engine.AwsAsync("s3", "rb", "s3://cli-sync"));
        Assert.DoesNotContain("cli-sync", Ok(await engine.AwsAsync("s3", "ls")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versioning_keeps_every_version_and_a_delete_leaves_a_marker()
    {
        Ok(await engine.AwsAsync("s3api", "create-bucket", "--bucket", "cli-versions"));
        Ok(await engine.AwsAsync("s3api", "put-bucket-versioning", "--bucket", "cli-versions", "--versioning-configuration", "Status=Enabled"));
        Assert.Equal("Enabled", Ok(await engine.AwsAsync("s3api", "get-bucket-versioning", "--bucket", "cli-versions")).Json().GetProperty("Status").GetString());
        Assert.Equal("local", Ok(await engine.AwsAsync("s3api", "get-bucket-location", "--bucket", "cli-versions")).Json().GetProperty("LocationConstraint").GetString());
        var first = await PutAsync("cli-versions", "doc.txt", "first");
        var second = await PutAsync("cli-versions", "doc.txt", "second");
        Assert.NotEqual(first, second);

        var deleted = Ok(await engine.AwsAsync("s3api", "delete-object", "--bucket", "cli-versions", "--key", "doc.txt")).Json();
        Assert.True(deleted.GetProperty("DeleteMarker").GetBoolean());

        var gone = await engine.AwsAsync("s3api", "get-object", "--bucket", "cli-versions", "--key", "doc.txt", Path.Combine(engine.WorkDirectory, "gone.txt"));
        Assert.Contains("An error occurred (NoSuchKey) when calling the GetObject operation", gone.Error, StringComparison.Ordinal);
        Assert.Contains("The specified key does not exist.", gone.Error, StringComparison.Ordinal);
        var old = Ok(await engine.AwsAsync("s3api", "get-object", "--bucket", "cli-versions", "--key", "doc.txt", "--version-id", first!, Path.Combine(engine.WorkDirectory, "old.txt")));
        Assert.Equal(first, old.Json().GetProperty("VersionId").GetString());
        Assert.Equal("first", await File.ReadAllTextAsync(Path.Combine(engine.WorkDirectory, "old.txt")));

        var versions = Ok(await engine.AwsAsync("s3api", "list-object-versions", "--bucket", "cli-versions")).Json();
        Assert.Equal([second, first], versions.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("VersionId").GetString()));
        var marker = Assert.Single(versions.GetProperty("DeleteMarkers").EnumerateArray());
        Assert.True(marker.GetProperty("IsLatest").GetBoolean());

        var notEmpty = await engine.AwsAsync("s3api", "delete-bucket", "--bucket", "cli-versions");
        Assert.Contains("An error occurred (BucketNotEmpty) when calling the DeleteBucket operation", notEmpty.Error, StringComparison.Ordinal);

        var all = versions.GetProperty("Versions").EnumerateArray().Concat(versions.GetProperty("DeleteMarkers").EnumerateArray())
            .Select(v => new { Key = v.GetProperty("Key").GetString(), VersionId = v.GetProperty("VersionId").GetString() });
        var request = JsonSerializer.Serialize(new { Objects = all, Quiet = false });
        var result = Ok(await engine.AwsAsync("s3api", "delete-objects", "--bucket", "cli-versions", "--delete", request)).Json();
        Assert.Equal(3, result.GetProperty("Deleted").GetArrayLength());
        Ok(await engine.AwsAsync("s3api", "delete-bucket", "--bucket", "cli-versions"));
    }

    [Fact]
    public async Task Ranges_copies_metadata_and_errors_are_S3_s()
    {
        Ok(await engine.AwsAsync("s3api", "create-bucket", "--bucket", "cli-objects"));
        var again = await engine.AwsAsync("s3api", "create-bucket", "--bucket", "cli-objects");
        Assert.Contains("(BucketAlreadyOwnedByYou)", again.Error, StringComparison.Ordinal);
        var body = Path.Combine(engine.WorkDirectory, "digits.txt");
        await File.WriteAllTextAsync(body, "0123456789");
        Ok(await engine.AwsAsync("s3api", "put-object", "--bucket", "cli-objects", "--key", "dir/digits.txt", "--body", body,
            "--content-type", "text/plain", "--metadata", "owner=alice"));

        var target = Path.Combine(engine.WorkDirectory, "range.txt");
        var ranged = Ok(await engine.AwsAsync("s3api", "get-object", "--bucket", "cli-objects", "--key", "dir/digits.txt", "--range", "bytes=2-5", target)).Json();
        Assert.Equal("2345", await File.ReadAllTextAsync(target));
        Assert.Equal("bytes 2-5/10", ranged.GetProperty("ContentRange").GetString());
        var tail = Ok(await engine.AwsAsync("s3api", "get-object", "--bucket", "cli-objects", "--key", "dir/digits.txt", "--range", "bytes=-3", target));
        Assert.Equal("789", await File.ReadAllTextAsync(target));
        Assert.Equal(3, tail.Json().GetProperty("ContentLength").GetInt32());
        var outside = await engine.AwsAsync("s3api", "get-object", "--bucket", "cli-objects", "--key", "dir/digits.txt", "--range", "bytes=50-60", target);
        Assert.Contains("An error occurred (InvalidRange) when calling the GetObject operation", outside.Error, StringComparison.Ordinal);
        Assert.Contains("The requested range is not satisfiable", outside.Error, StringComparison.Ordinal);

        Ok(await engine.AwsAsync("s3api", "copy-object", "--bucket", "cli-objects", "--key", "copied.txt", "--copy-source", "cli-objects/dir/digits.txt"));
        var copied = Ok(await engine.AwsAsync("s3api", "head-object", "--bucket", "cli-objects", "--key", "copied.txt")).Json();
        Assert.Equal("text/plain", copied.GetProperty("ContentType").GetString());
        Assert.Equal("alice", copied.GetProperty("Metadata").GetProperty("owner").GetString());
        Assert.Equal(10, copied.GetProperty("ContentLength").GetInt32());

        var listed = Ok(await engine.AwsAsync("s3api", "list-objects-v2", "--bucket", "cli-objects", "--delimiter", "/")).Json();
        Assert.Equal(["copied.txt"], listed.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()));
        Assert.Equal(["dir/"], listed.GetProperty("CommonPrefixes").EnumerateArray().Select(c => c.GetProperty("Prefix").GetString()));

        var missing = await engine.AwsAsync("s3api", "head-object", "--bucket", "cli-objects", "--key", "nope");
        Assert.Contains("(404)", missing.Error, StringComparison.Ordinal);
        var noBucket = await engine.AwsAsync("s3", "ls", "s3://no-such-bucket-here");
        Assert.Contains("An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation", noBucket.Error, StringComparison.Ordinal);
        Assert.Contains("The specified bucket does not exist", noBucket.Error, StringComparison.Ordinal);
        var wrongSecret = await AwsCli.RunAsync(engine.Region.Endpoint, engine.Region.Credentials.AccessKeyId, "not-the-secret", engine.WorkDirectory, "s3", "ls");
        Assert.Contains("(SignatureDoesNotMatch)", wrongSecret.Error, StringComparison.Ordinal);
        var tagging = await engine.AwsAsync("s3api", "get-bucket-tagging", "--bucket", "cli-objects");
        Assert.Contains("(NotImplementedByLocalRegion)", tagging.Error, StringComparison.Ordinal);
        Assert.Contains("S3's GetBucketTagging operation", tagging.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_presigned_URL_works_until_it_expires_and_not_once_tampered_with()
    {
        Ok(await engine.AwsAsync("s3", "mb", "s3://cli-presign"));
        var body = Path.Combine(engine.WorkDirectory, "shared.txt");
        await File.WriteAllTextAsync(body, "shared with a browser");
        Ok(await engine.AwsAsync("s3", "cp", body, "s3://cli-presign/shared.txt"));
        var url = Ok(await engine.AwsAsync("s3", "presign", "s3://cli-presign/shared.txt", "--expires-in", "300")).Out.Trim();

        using var http = new HttpClient();
        Assert.Equal("shared with a browser", await http.GetStringAsync(url));

        using var tampered = await http.GetAsync(url.Replace("shared.txt", "shared.txT", StringComparison.Ordinal));
        Assert.Equal(403, (int)tampered.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var shortLived = Ok(await engine.AwsAsync("s3", "presign", "s3://cli-presign/shared.txt", "--expires-in", "1")).Out.Trim();
        var expired = await Eventually.UntilAsync(
            async () => await (await http.GetAsync(shortLived)).Content.ReadAsStringAsync(),
            text => text.Contains("<Code>AccessDenied</Code>", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "the presigned URL to expire");
        Assert.Contains("<Message>Request has expired</Message>", expired, StringComparison.Ordinal);
    }

    private async Task<string?> PutAsync(string bucket, string key, string text)
    {
        var file = Path.Combine(engine.WorkDirectory, Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(file, text);
        return Ok(await engine.AwsAsync("s3api", "put-object", "--bucket", bucket, "--key", key, "--body", file)).Json().GetProperty("VersionId").GetString();
    }

    private static ProcessResult Ok(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}

using System.Globalization;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;

namespace TodoApi;

/// <summary>
/// Writes the todos as one JSON document to the service's data bucket: DATA_BUCKET, which Fargo's service stack sets
/// when fargo.toml says <c>buckets = { data = true }</c>. The S3 client is the SDK's default one (credentials, region
/// and endpoint from the environment), so the same code writes to S3 on AWS and to the local region's S3 through
/// AWS_ENDPOINT_URL_S3.
/// </summary>
public sealed class TodoExporter(IAmazonS3 s3, string bucket)
{
    public async Task<TodoExport> ExportAsync(IReadOnlyList<Todo> todos, DateTimeOffset at, CancellationToken ct)
    {
        // Time first, so the keys sort by when they were written; the suffix keeps two tasks' exports apart.
        var key = string.Create(CultureInfo.InvariantCulture, $"exports/todos-{at.UtcDateTime:yyyyMMdd'T'HHmmss'.'fff'Z'}-{Guid.NewGuid().ToString("N")[..8]}.json");
        var body = JsonSerializer.SerializeToUtf8Bytes(todos, TodoJsonContext.Default.IReadOnlyListTodo);
        using var content = new MemoryStream(body);
        var put = await s3.PutObjectAsync(
            new PutObjectRequest { BucketName = bucket, Key = key, InputStream = content, ContentType = "application/json" },
            ct);
        return new TodoExport(bucket, key, put.VersionId, todos.Count);
    }
}

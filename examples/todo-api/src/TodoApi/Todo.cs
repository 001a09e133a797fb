using System.Text.Json.Serialization;

namespace TodoApi;

/// <summary>A todo. Stale: open for longer than the worker allows (the worker marks it; STALE_AFTER).</summary>
public sealed record Todo(long Id, string Title, bool Done, DateTimeOffset CreatedAt, bool Stale);

/// <summary>What one round of the worker found: the open and done todos, and how many it has just marked stale.</summary>
public sealed record TodoDigest(long Open, long Done, long MarkedStale)
{
    public override string ToString() => $"digest: {Open} open, {Done} done, {MarkedStale} marked stale";
}

public sealed record NewTodo(string? Title);

public sealed record TodoUpdate(string? Title, bool? Done);

public sealed record ServiceInfo(string Service, string Version);

public sealed record HealthReport(string Status, string Version);

/// <summary>Where an export went: the bucket, the object's key and version, and how many todos it holds.</summary>
public sealed record TodoExport(string Bucket, string Key, string? VersionId, int Count);

/// <summary>Why an export could not be made.</summary>
public sealed record ExportProblem(string Error, string Detail);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Todo))]
[JsonSerializable(typeof(List<Todo>))]
[JsonSerializable(typeof(NewTodo))]
[JsonSerializable(typeof(TodoUpdate))]
[JsonSerializable(typeof(ServiceInfo))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(IReadOnlyList<Todo>))]
[JsonSerializable(typeof(TodoExport))]
[JsonSerializable(typeof(ExportProblem))]
internal sealed partial class TodoJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace TodoApi;

public sealed record Todo(long Id, string Title, bool Done, DateTimeOffset CreatedAt);

public sealed record NewTodo(string? Title);

public sealed record TodoUpdate(string? Title, bool? Done);

public sealed record ServiceInfo(string Service, string Version);

public sealed record HealthReport(string Status, string Version);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Todo))]
[JsonSerializable(typeof(List<Todo>))]
[JsonSerializable(typeof(NewTodo))]
[JsonSerializable(typeof(TodoUpdate))]
[JsonSerializable(typeof(ServiceInfo))]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class TodoJsonContext : JsonSerializerContext;

using Npgsql;
using TodoApi;

// `dotnet TodoApi.dll migrate` applies the schema and exits: the one-off task a deploy runs first.
if (args is ["migrate", ..])
{
    var settings = DatabaseSettings.FromEnvironment(Environment.GetEnvironmentVariable);
    await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
    var applied = await new Migrator(dataSource).MigrateAsync(CancellationToken.None);
    Console.WriteLine(applied == 0 ? "schema is up to date" : $"applied {applied} migration(s)");
    return 0;
}

// `dotnet TodoApi.dll --worker`: the todo-worker service, on this same image and database (TodoWorker).
if (args is ["--worker", ..])
{
    return await TodoWorker.RunAsync(Environment.GetEnvironmentVariable);
}

// `dotnet TodoApi.dll --health`: the worker's container health check.
if (args is ["--health", ..])
{
    return await TodoWorker.CheckHealthAsync(Environment.GetEnvironmentVariable);
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, TodoJsonContext.Default));
var database = DatabaseSettings.FromEnvironment(Environment.GetEnvironmentVariable);
builder.Services.AddSingleton(NpgsqlDataSource.Create(database.ConnectionString));
builder.Services.AddSingleton<TodoStore>();
builder.Services.AddSingleton<Migrator>();
// The data bucket is optional (fargo.toml's `buckets = { data = true }`); without it /todos/export says so.
if (Environment.GetEnvironmentVariable("DATA_BUCKET") is { Length: > 0 } dataBucket)
{
    builder.Services.AddSingleton(new TodoExporter(new Amazon.S3.AmazonS3Client(), dataBucket));
}

var app = builder.Build();

// Fargate sends SIGTERM on stop; the host drains in-flight requests within its shutdown timeout.
if (!string.Equals(Environment.GetEnvironmentVariable("MIGRATE_ON_START"), "false", StringComparison.OrdinalIgnoreCase))
{
    await app.Services.GetRequiredService<Migrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
}

var version = Environment.GetEnvironmentVariable("APP_VERSION") ?? "dev";

app.MapGet("/", () => Results.Ok(new ServiceInfo("todo-api", version)));

app.MapGet("/_health", async (NpgsqlDataSource db, CancellationToken ct) =>
{
    try
    {
        await using var command = db.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(ct);
        return Results.Ok(new HealthReport("healthy", version));
    }
    catch (NpgsqlException)
    {
        return Results.Json(new HealthReport("database unavailable", version), TodoJsonContext.Default.HealthReport, statusCode: 503);
    }
});

var todos = app.MapGroup("/todos");
todos.MapGet("/", (TodoStore store, CancellationToken ct) => store.ListAsync(ct));
todos.MapGet("/{id:long}", async (long id, TodoStore store, CancellationToken ct) =>
    await store.GetAsync(id, ct) is { } todo ? Results.Ok(todo) : Results.NotFound());
todos.MapPost("/", async (NewTodo input, TodoStore store, CancellationToken ct) =>
{
    if (string.IsNullOrWhiteSpace(input.Title))
    {
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["title"] = ["A todo needs a title."] });
    }

    var todo = await store.AddAsync(input.Title.Trim(), ct);
    return Results.Created($"/todos/{todo.Id}", todo);
});
todos.MapPost("/export", async (TodoStore store, IServiceProvider services, CancellationToken ct) =>
{
    if (services.GetService<TodoExporter>() is not { } exporter)
    {
        return Results.Json(
            new ExportProblem("no data bucket", "DATA_BUCKET is not set: the service has no data bucket (buckets = { data = true } in fargo.toml)."),
            TodoJsonContext.Default.ExportProblem,
            statusCode: 503);
    }

    try
    {
        var export = await exporter.ExportAsync(await store.ListAsync(ct), DateTimeOffset.UtcNow, ct);
        return Results.Json(export, TodoJsonContext.Default.TodoExport, statusCode: 201);
    }
    catch (Amazon.S3.AmazonS3Exception e)
    {
        return Results.Json(new ExportProblem(e.ErrorCode ?? "S3 error", e.Message), TodoJsonContext.Default.ExportProblem, statusCode: 502);
    }
});
todos.MapPut("/{id:long}", async (long id, TodoUpdate input, TodoStore store, CancellationToken ct) =>
    await store.UpdateAsync(id, input, ct) is { } todo ? Results.Ok(todo) : Results.NotFound());
todos.MapDelete("/{id:long}", async (long id, TodoStore store, CancellationToken ct) =>
    await store.DeleteAsync(id, ct) ? Results.NoContent() : Results.NotFound());

await app.RunAsync();
return 0;

using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Fargo.Aws;
using Fargo.Aws.Http;
using Fargo.Cli.Errors;
using Fargo.Cli.Rendering;
using Fargo.Local.Client;
using Fargo.Local.Database;
using Spectre.Console;

namespace Fargo.Cli.Commands.Local;

/// <summary>
/// `fargo local database create|list|delete NAME`: the local region's PostgreSQL servers, through its signed
/// CreateDatabase / DescribeDatabases / DeleteDatabase operations. Output names the parameter holding the password,
/// never the password.
/// </summary>
internal static class LocalDatabaseCommand
{
    public static Command Create(CommandServices services, Func<CommandContext, CancellationToken, Task<LocalRegionConnection>> connect) =>
        new("database", "PostgreSQL servers of the local region: each has a database and a user of its name, and its connection parameters in SSM (DB_HOST … DB_PASSWORD, the password a SecureString).")
        {
            CreateCommand(services, connect),
            ListCommand(services, connect),
            DeleteCommand(services, connect),
        };

    private static Command CreateCommand(CommandServices services, Func<CommandContext, CancellationToken, Task<LocalRegionConnection>> connect)
    {
        var name = NameArgument("The database's name: also the server's, the database's and the user's.");
        var path = new Option<string?>("--parameter-path")
        {
            Description = "Where the connection parameters go (DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD beneath it). Default: /NAME.",
            HelpName = "path",
        };
        var command = new Command("create", "Create a PostgreSQL server (or start it again on its kept data) and wait until it accepts connections; prints host, port, database, user and the parameter that holds the password.") { name, path };
        services.SetAction(command, async (context, cancellation) =>
        {
            var database = await WithClientAsync(
                context,
                connect,
                client => client.CreateAndWaitAsync(
                    new CreateDatabaseRequest { Name = context.ParseResult.GetValue(name)!, ParameterPath = context.ParseResult.GetValue(path) },
                    cancellation),
                cancellation);
            if (context.Json)
            {
                context.WriteJson(DatabaseJson.From(database), LocalDatabaseJson.Default.DatabaseJson);
                return ExitCodes.Success;
            }

            WriteTable(context, [database]);
            context.Host.Out.MarkupLine(
                $"Connect with: psql -h {database.Host} -p {database.Port.ToString(CultureInfo.InvariantCulture)} -U {Markup.Escape(database.User)} {Markup.Escape(database.Database)} " +
                $"(the password: aws ssm get-parameter --with-decryption --name {Markup.Escape(database.PasswordParameter)})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListCommand(CommandServices services, Func<CommandContext, CancellationToken, Task<LocalRegionConnection>> connect)
    {
        var command = new Command("list", "List the local region's PostgreSQL servers with their state and where they listen.");
        services.SetAction(command, async (context, cancellation) =>
        {
            var databases = await WithClientAsync(
                context,
                connect,
                async client => (await client.DescribeDatabasesAsync(new DescribeDatabasesRequest(), cancellation)).Databases,
                cancellation);
            if (context.Json)
            {
                context.WriteJson([.. databases.Select(DatabaseJson.From)], LocalDatabaseJson.Default.ListDatabaseJson);
                return ExitCodes.Success;
            }

            if (databases.Count == 0)
            {
                context.Host.Out.MarkupLine("No databases. `fargo local database create NAME` makes one.");
                return ExitCodes.Success;
            }

            WriteTable(context, databases);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DeleteCommand(CommandServices services, Func<CommandContext, CancellationToken, Task<LocalRegionConnection>> connect)
    {
        var name = NameArgument("The database to delete.");
        var data = new Option<bool>("--data") { Description = "Also delete its data. Without it the data stays, and `create NAME` takes it up again." };
        var command = new Command("delete", "Stop and remove a PostgreSQL server; its data stays unless --data.") { name, data };
        services.SetAction(command, async (context, cancellation) =>
        {
            var database = context.ParseResult.GetValue(name)!;
            var deleteData = context.ParseResult.GetValue(data);
            await WithClientAsync(
                context,
                connect,
                async client =>
                {
                    await client.DeleteAndWaitAsync(new DeleteDatabaseRequest { Name = database, DeleteData = deleteData }, cancellation);
                    return true;
                },
                cancellation);
            if (context.Json)
            {
                context.WriteJson(new DeletedDatabaseJson(database, deleteData), LocalDatabaseJson.Default.DeletedDatabaseJson);
            }
            else
            {
                context.Host.Out.MarkupLine(deleteData
                    ? $"Database [bold]{Markup.Escape(database)}[/] and its data are deleted."
                    : $"Database [bold]{Markup.Escape(database)}[/] is deleted; its data is kept (`fargo local database create {Markup.Escape(database)}` takes it up again, `delete --data` removes it).");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Argument<string> NameArgument(string description) => new("name") { Description = description };

    private static async Task<T> WithClientAsync<T>(
        CommandContext context,
        Func<CommandContext, CancellationToken, Task<LocalRegionConnection>> connect,
        Func<LocalDatabaseClient, Task<T>> call,
        CancellationToken cancellation)
    {
        var connection = await connect(context, cancellation);
        using var http = new AwsHttpClient(connection.ClientOptions());
        try
        {
            return await call(new LocalDatabaseClient(http));
        }
        catch (AwsServiceException e) when (e.Code is "DatabaseNotFoundException" or "InvalidParameterException")
        {
            throw new UsageException(e.Message);
        }
    }

    private static void WriteTable(CommandContext context, IEnumerable<DatabaseDescription> databases)
    {
        var table = new Table().AddColumns("name", "status", "host", "port", "database", "user", "password parameter");
        foreach (var database in databases)
        {
            table.AddRow(
                Markup.Escape(database.Name),
                Markup.Escape(database.Status + (database.StatusReason is { } reason ? $" ({reason})" : "")),
                Markup.Escape(database.Host),
                database.Port.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(database.Database),
                Markup.Escape(database.User),
                Markup.Escape(database.PasswordParameter));
        }

        context.Host.Out.Write(table);
    }
}

/// <summary>A database in `--output json`: how to connect, and where the password is kept (never the password).</summary>
internal sealed record DatabaseJson(string Name, string Status, string? StatusReason, string Engine, string? EngineVersion, string Host, int Port, string Database, string User, string PasswordParameter, string ParameterPath)
{
    public static DatabaseJson From(DatabaseDescription d) =>
        new(d.Name, d.Status, d.StatusReason, d.Engine, d.EngineVersion, d.Host, d.Port, d.Database, d.User, d.PasswordParameter, d.ParameterPath);
}

internal sealed record DeletedDatabaseJson(string Name, bool DataDeleted);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NewLine = "\n")]
[JsonSerializable(typeof(DatabaseJson))]
[JsonSerializable(typeof(List<DatabaseJson>), TypeInfoPropertyName = "ListDatabaseJson")]
[JsonSerializable(typeof(DeletedDatabaseJson))]
internal sealed partial class LocalDatabaseJson : JsonSerializerContext;

using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Fargo.Local.Api;
using Fargo.Local.Database;
using Fargo.Local.Home;
using Fargo.Local.Ssm;
using Fargo.Local.Tests.LoadBalancing;
using Fargo.Local.Tests.Support;
using Npgsql;

namespace Fargo.Local.Tests.Database;

/// <summary>
/// Real PostgreSQL servers for services: created with their parameters in SSM, reached with Npgsql, surviving a
/// kill -9 of the server and of whoever managed it, and deleted with or without their data.
/// </summary>
public sealed class DatabaseTests : IDisposable
{
    private readonly TempDirectory _root = new("fargo-db-test-");
    private readonly FargoHome _home;
    private readonly ParameterStore _parameters;

    public DatabaseTests()
    {
        _home = new FargoHome(_root.Combine("home"));
        _home.EnsureCreated();
        _parameters = new ParameterStore(_home.StateDatabase, ParameterCipher.LoadOrCreate(_home), TimeProvider.System);
    }

    public void Dispose()
    {
        _parameters.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task Data_survives_kill_9_of_the_server_and_its_manager_and_goes_only_when_asked()
    {
        var manager = new DatabaseManager(_home, new SsmDatabaseParameters(_parameters));
        DatabaseManager? restarted = null;
        try
        {
            var creating = manager.Create(new CreateDatabaseRequest { Name = "todo", ParameterPath = "/todo-api" });
            Assert.Equal("creating", creating.Status);
            var database = await manager.WaitAsync("todo", CancellationToken.None);
            Assert.True(database!.Status == "available", $"{database.Status}: {database.StatusReason}");
            Assert.Equal("/todo-api/DB_PASSWORD", database.PasswordParameter);
            var dataDirectory = database.DataDirectory!;
            Assert.Equal(database.Port, manager.Create(new CreateDatabaseRequest { Name = "todo", ParameterPath = "/todo-api" }).Port);

            // What a service with secrets path /todo-api gets: DB_HOST … DB_PASSWORD, the password a SecureString.
            var (found, _) = _parameters.GetMany(["/todo-api/DB_HOST", "/todo-api/DB_PORT", "/todo-api/DB_NAME", "/todo-api/DB_USER", "/todo-api/DB_PASSWORD"], withDecryption: false);
            Assert.Equal(5, found.Count);
            var password = found.Single(p => p.Name.EndsWith("DB_PASSWORD", StringComparison.Ordinal));
            Assert.Equal("SecureString", password.Type);
            Assert.DoesNotContain(password.Value, await File.ReadAllTextAsync(Path.Combine(manager.Root, "registry", "todo.json")), StringComparison.Ordinal);

            await using (var connection = await ConnectAsync("/todo-api"))
            {
                await ExecuteAsync(connection, "CREATE TABLE todos (id serial PRIMARY KEY, title text NOT NULL)");
                await ExecuteAsync(connection, "INSERT INTO todos (title) VALUES ('survive a crash')");
            }

            // The crash: the server and its manager die without a word.
            var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
            using (var server = Process.GetProcessById(postmaster))
            {
                server.Kill();
                await server.WaitForExitAsync();
            }

            restarted = new DatabaseManager(_home, new SsmDatabaseParameters(_parameters));
            await restarted.StartAllAsync(CancellationToken.None);
            var back = Assert.Single(restarted.Describe());
            Assert.True(back.Status == "available", $"{back.Status}: {back.StatusReason}");
            await using (var connection = await ConnectAsync("/todo-api"))
            {
                Assert.Equal("survive a crash", await ScalarAsync(connection, "SELECT title FROM todos"));
            }

            // Delete keeps the data unless asked; created again, the database has it, under a new password.
            restarted.Delete(new DeleteDatabaseRequest { Name = "todo" });
            Assert.Null(await restarted.WaitAsync("todo", CancellationToken.None));
            Assert.Empty(restarted.Describe());
            Assert.Empty(_parameters.GetMany(["/todo-api/DB_PASSWORD", "/todo-api/DB_HOST"], withDecryption: false).Found);
            Assert.True(File.Exists(Path.Combine(dataDirectory, "PG_VERSION")));

            restarted.Create(new CreateDatabaseRequest { Name = "todo", ParameterPath = "/todo-api" });
            var again = await restarted.WaitAsync("todo", CancellationToken.None);
            Assert.True(again!.Status == "available", $"{again.Status}: {again.StatusReason}");
            Assert.NotEqual(password.Value, _parameters.Get("/todo-api/DB_PASSWORD", withDecryption: true).Value);
            await using (var connection = await ConnectAsync("/todo-api"))
            {
                Assert.Equal("survive a crash", await ScalarAsync(connection, "SELECT title FROM todos"));
            }

            restarted.Delete(new DeleteDatabaseRequest { Name = "todo", DeleteData = true });
            Assert.Null(await restarted.WaitAsync("todo", CancellationToken.None));
            Assert.False(Directory.Exists(Path.GetDirectoryName(dataDirectory)));
        }
        finally
        {
            // Whatever happened, leave no server running behind the test.
            await (restarted ?? manager).StopAllAsync(CancellationToken.None);
            await manager.DisposeAsync();
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task The_operations_answer_on_the_wire_with_aws_errors()
    {
        await using var manager = new DatabaseManager(_home, new SsmDatabaseParameters(_parameters));
        await using var server = await SignedApiServer.StartAsync(DatabaseApi.Create(manager));
        using var http = server.Client();
        var client = new LocalDatabaseClient(http);

        var invalid = await Assert.ThrowsAsync<Fargo.Aws.AwsServiceException>(() => client.CreateDatabaseAsync(new CreateDatabaseRequest { Name = "Bad Name" }));
        Assert.Equal("InvalidParameterException", invalid.Code);
        var missing = await Assert.ThrowsAsync<Fargo.Aws.AwsServiceException>(() => client.DeleteDatabaseAsync(new DeleteDatabaseRequest { Name = "nothing" }));
        Assert.Equal("DatabaseNotFoundException", missing.Code);
        Assert.Empty((await client.DescribeDatabasesAsync(new DescribeDatabasesRequest())).Databases);
    }

    [Fact]
    public async Task Without_binaries_the_error_says_what_to_install()
    {
        var locator = new PostgresBinaryLocator(_root.Combine("binaries"))
        {
            UseSystemBinaries = false,
            EmbeddedPackage = _root.Combine("no-such-package.tgz"),
        };

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() => locator.LocateAsync(CancellationToken.None));

        Assert.Contains("apt-get install postgresql", error.Message, StringComparison.Ordinal);
        Assert.Contains("npm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_npm_package_is_unpacked_with_its_library_links()
    {
        var tarball = _root.Combine("embedded.tgz");
        await using (var file = File.Create(tarball))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
            {
                await AddAsync(tar, "package/native/bin/" + program, "#!/bin/sh\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }

            await AddAsync(tar, "package/native/lib/libpq.so.5.17", "library", UnixFileMode.UserRead | UnixFileMode.UserWrite);
            await AddAsync(tar, "package/native/pg-symlinks.json", """[{"source":"native/lib/libpq.so.5.17","target":"native/lib/libpq.so.5"}]""", UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var destination = _root.Combine("unpacked");
        await PostgresBinaryLocator.UnpackAsync(tarball, destination, CancellationToken.None);

        Assert.True(PostgresBinaries.IsComplete(Path.Combine(destination, "native", "bin")));
        Assert.True(File.GetUnixFileMode(Path.Combine(destination, "native", "bin", "postgres")).HasFlag(UnixFileMode.OtherExecute));
        Assert.Equal("libpq.so.5.17", new FileInfo(Path.Combine(destination, "native", "lib", "libpq.so.5")).LinkTarget);
    }

    private async Task<NpgsqlConnection> ConnectAsync(string path)
    {
        string Value(string name) => _parameters.Get(path + "/" + name, withDecryption: true).Value;
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = Value("DB_HOST"),
            Port = int.Parse(Value("DB_PORT"), System.Globalization.CultureInfo.InvariantCulture),
            Database = Value("DB_NAME"),
            Username = Value("DB_USER"),
            Password = Value("DB_PASSWORD"),
            Pooling = false,
            Timeout = 15,
        }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task AddAsync(TarWriter tar, string name, string content, UnixFileMode mode)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = mode, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };
        await tar.WriteEntryAsync(entry);
    }
}

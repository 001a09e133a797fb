using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fargo.Local.Api;
using Fargo.Local.Home;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fargo.Local.Database;

/// <summary>
/// The local region's databases: one real PostgreSQL server per name, in FARGO_HOME/local/postgres/servers/NAME
/// (data/ and server.log), listening on 127.0.0.1 and a port of its own, with the database and the user of that
/// name and a generated password. The connection parameters go to SSM under the parameter path (default
/// "/NAME"): DB_HOST, DB_PORT, DB_NAME, DB_USER and DB_PASSWORD (a SecureString) — a service whose secrets
/// path that is gets them as those environment variables, as it would from RDS.
/// Create and delete answer at once and work in the background (status creating / deleting, as RDS does);
/// <see cref="WaitAsync"/> waits for the outcome.
/// </summary>
public sealed partial class DatabaseManager : IAsyncDisposable
{
    public const string Host = "127.0.0.1";
    public const string Engine = "postgres";

    /// <summary>The parameters a database writes under its path: what a service gets as environment variables.</summary>
    public static readonly IReadOnlyList<string> ParameterSuffixes = ["DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD"];

    private readonly FargoHome _home;
    private readonly IDatabaseParameters _parameters;
    private readonly PostgresBinaryLocator? _givenLocator;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DatabaseState> _databases = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _binariesGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private PostgresBinaries? _binaries;
    private string? _engineVersion;
    private StorageLayout? _layout;

    public DatabaseManager(FargoHome home, IDatabaseParameters parameters, ILogger? logger = null, PostgresBinaryLocator? locator = null)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(parameters);
        _home = home;
        _parameters = parameters;
        _logger = logger ?? NullLogger.Instance;
        _givenLocator = locator;
        FargoHome.CreatePrivateDirectory(Root);
        FargoHome.CreatePrivateDirectory(RegistryDirectory);
        foreach (var file in Directory.EnumerateFiles(RegistryDirectory, "*.json"))
        {
            var record = JsonSerializer.Deserialize(File.ReadAllBytes(file), DatabaseJsonContext.Default.DatabaseRecord)!;
            _databases[record.Name] = new DatabaseState(record) { Status = "stopped" };
        }
    }

    /// <summary>FARGO_HOME/local/postgres.</summary>
    public string Root => Path.Combine(_home.LocalDirectory, "postgres");

    private string RegistryDirectory => Path.Combine(Root, "registry");

    /// <summary>Where servers live when PostgreSQL runs as root's stand-in and FARGO_HOME is out of its reach.</summary>
    public const string SharedRoot = "/var/lib/fargo/postgres";

    public static string PasswordParameterOf(string parameterPath) => parameterPath + "/DB_PASSWORD";

    /// <summary>Creates a database (idempotent: one that exists is returned as it is). Provisioning continues in the background.</summary>
    public DatabaseDescription Create(CreateDatabaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateName(request.Name);
        var parameterPath = (request.ParameterPath ?? "/" + request.Name).TrimEnd('/');
        ValidateParameterPath(parameterPath);
        lock (_gate)
        {
            if (_databases.TryGetValue(request.Name, out var existing))
            {
                if (existing.Record.ParameterPath != parameterPath)
                {
                    throw new LocalServiceException("InvalidParameterException", $"Database {request.Name} exists with parameter path {existing.Record.ParameterPath}, not {parameterPath}.");
                }

                if (existing.Status == "deleting")
                {
                    throw new LocalServiceException("InvalidParameterException", $"Database {request.Name} is being deleted; create it again once it is gone.");
                }

                return Describe(existing);
            }

            var record = new DatabaseRecord
            {
                Name = request.Name,
                ParameterPath = parameterPath,
                Port = FreePort(),
                CreatedAt = DateTimeOffset.UtcNow,
                User = request.User is { } user && user != request.Name ? ValidIdentifier(user, "user") : null,
                DatabaseName = request.DatabaseName is { } database && database != request.Name ? ValidIdentifier(database, "database name") : null,
            };
            var password = request.Password ?? NewPassword();
            Save(record);
            _parameters.Put(PasswordParameterOf(parameterPath), password, secure: true, $"Password of the local PostgreSQL database {record.Name}");
            PutConnectionParameters(record);
            var state = new DatabaseState(record) { Status = "creating" };
            _databases[record.Name] = state;
            state.Operation = Task.Run(() => ProvisionAsync(state, password, _stopping.Token));
            return Describe(state);
        }
    }

    public IReadOnlyList<DatabaseDescription> Describe(IReadOnlyList<string>? names = null)
    {
        lock (_gate)
        {
            if (names is { Count: > 0 })
            {
                return names.Select(n => _databases.TryGetValue(n, out var state) ? Describe(state) : throw NotFound(n)).ToList();
            }

            return _databases.Values.OrderBy(d => d.Record.Name, StringComparer.Ordinal).Select(Describe).ToList();
        }
    }

    /// <summary>Stops the server and removes the database and its parameters; its data only when <see cref="DeleteDatabaseRequest.DeleteData"/>.</summary>
    public DatabaseDescription Delete(DeleteDatabaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (!_databases.TryGetValue(request.Name, out var state))
            {
                throw NotFound(request.Name);
            }

            if (state.Status != "deleting")
            {
                state.Status = "deleting";
                state.StatusReason = null;
                state.Operation = Task.Run(() => DeleteAsync(state, request.DeleteData, _stopping.Token));
            }

            return Describe(state);
        }
    }

    /// <summary>Waits for the database's current operation; its description after (null once deleted).</summary>
    public async Task<DatabaseDescription?> WaitAsync(string name, CancellationToken cancellationToken)
    {
        Task? operation;
        lock (_gate)
        {
            if (!_databases.TryGetValue(name, out var state))
            {
                return null;
            }

            operation = state.Operation;
        }

        if (operation is not null)
        {
            await operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            return _databases.TryGetValue(name, out var state) ? Describe(state) : null;
        }
    }

    /// <summary>Engine start: every database's server up (started, or adopted when it survived the last engine).</summary>
    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        List<Task> operations;
        lock (_gate)
        {
            foreach (var state in _databases.Values.Where(s => s.Status is "stopped" or "failed"))
            {
                state.Status = "starting";
                state.StatusReason = null;
                state.Operation = Task.Run(() => ProvisionAsync(state, null, _stopping.Token), CancellationToken.None);
            }

            operations = _databases.Values.Select(s => s.Operation).OfType<Task>().ToList();
        }

        await Task.WhenAll(operations).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Engine stop: every server shut down cleanly (their data stays).</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        List<DatabaseState> states;
        lock (_gate)
        {
            states = [.. _databases.Values];
        }

        foreach (var state in states)
        {
            await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (state.Instance is { } instance)
                {
                    await instance.StopAsync(cancellationToken).ConfigureAwait(false);
                }

                lock (_gate)
                {
                    if (state.Status == "available")
                    {
                        state.Status = "stopped";
                        state.StatusReason = "The local region stopped.";
                    }
                }
            }
            catch (InvalidOperationException e)
            {
                LogStopFailed(_logger, state.Record.Name, e.Message);
            }
            finally
            {
                state.Gate.Release();
            }
        }
    }

    /// <summary>Ends the background work; the servers keep running (<see cref="StopAllAsync"/> stops them).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        List<Task> operations;
        lock (_gate)
        {
            operations = _databases.Values.Select(s => s.Operation).OfType<Task>().ToList();
        }

        try
        {
            await Task.WhenAll(operations).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cut short, as asked.
        }

        _stopping.Dispose();
        _binariesGate.Dispose();
    }

    private async Task ProvisionAsync(DatabaseState state, string? newPassword, CancellationToken cancellationToken)
    {
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var record = state.Record;
            var binaries = await BinariesAsync(cancellationToken).ConfigureAwait(false);
            if (record.ServerDirectory is null)
            {
                record = record with { ServerDirectory = Path.Combine(_layout!.ServersRoot, record.Name) };
                Save(record);
                lock (_gate)
                {
                    state.Record = record;
                }
            }

            var instance = PrepareInstance(record.ServerDirectory, binaries);
            state.Instance = instance;
            var passwordParameter = PasswordParameterOf(record.ParameterPath);
            if (!instance.IsInitialized)
            {
                var password = newPassword ?? _parameters.Find(passwordParameter) ?? NewPassword();
                _parameters.Put(passwordParameter, password, secure: true, $"Password of the local PostgreSQL database {record.Name}");
                await instance.InitializeAsync(UserOf(record), password, cancellationToken).ConfigureAwait(false);
                if (DatabaseOf(record) != "postgres")
                {
                    await instance.RunSingleUserAsync([$"CREATE DATABASE {Quote(DatabaseOf(record))} OWNER {Quote(UserOf(record))}"], cancellationToken).ConfigureAwait(false);
                }
            }
            else if (newPassword is not null || _parameters.Find(passwordParameter) is null)
            {
                // Data kept from an earlier delete, or the password parameter was deleted: the server gets a new password.
                var password = newPassword ?? NewPassword();
                await instance.StopAsync(cancellationToken).ConfigureAwait(false);
                await instance.RunSingleUserAsync([$"ALTER ROLE {Quote(UserOf(record))} WITH LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'"], cancellationToken).ConfigureAwait(false);
                _parameters.Put(passwordParameter, password, secure: true, $"Password of the local PostgreSQL database {record.Name}");
            }

            if (instance.RunningProcessId() is null && !IsPortFree(record.Port))
            {
                var moved = record with { Port = FreePort() };
                LogPortMoved(_logger, record.Name, record.Port, moved.Port);
                Save(moved);
                lock (_gate)
                {
                    state.Record = record = moved;
                }
            }

            await instance.StartAsync(record.Port, cancellationToken).ConfigureAwait(false);
            record = record with { EngineVersion = _engineVersion };
            Save(record);
            PutConnectionParameters(record);
            lock (_gate)
            {
                state.Record = record;
                state.Status = "available";
                state.StatusReason = null;
            }

            LogAvailable(_logger, record.Name, record.Port);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                state.Status = "failed";
                state.StatusReason = e.Message;
            }

            LogFailed(_logger, state.Record.Name, e.Message);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private async Task DeleteAsync(DatabaseState state, bool deleteData, CancellationToken cancellationToken)
    {
        await state.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var record = state.Record;
            var directory = record.ServerDirectory;
            if (directory is not null && Directory.Exists(directory))
            {
                var instance = state.Instance ?? PrepareInstance(directory, await BinariesAsync(cancellationToken).ConfigureAwait(false));
                await instance.StopAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var name in ParameterNames(record.ParameterPath))
            {
                _parameters.Delete(name);
            }

            File.Delete(Path.Combine(RegistryDirectory, record.Name + ".json"));
            if (deleteData && directory is not null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
                RemoveEmptySharedFolders(Path.GetDirectoryName(directory)!);
            }

            lock (_gate)
            {
                _databases.Remove(record.Name);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            lock (_gate)
            {
                state.Status = "failed";
                state.StatusReason = "Delete failed: " + e.Message;
            }

            LogFailed(_logger, state.Record.Name, e.Message);
        }
        finally
        {
            state.Gate.Release();
        }
    }

    private async Task<PostgresBinaries> BinariesAsync(CancellationToken cancellationToken)
    {
        await _binariesGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_binaries is null)
            {
                _layout ??= await ResolveLayoutAsync(cancellationToken).ConfigureAwait(false);
                var locator = _givenLocator ?? new PostgresBinaryLocator(_layout.BinariesRoot);
                var binaries = await locator.LocateAsync(cancellationToken).ConfigureAwait(false);
                _engineVersion = await PostgresBinaryLocator.VersionAsync(binaries, cancellationToken).ConfigureAwait(false);
                _binaries = binaries;
            }

            return _binaries;
        }
        finally
        {
            _binariesGate.Release();
        }
    }

    /// <summary>
    /// Where servers and fetched binaries go, and who runs them. Normally FARGO_HOME/local/postgres. When Fargo runs
    /// as root, PostgreSQL runs as an unprivileged user that must reach the server folder: FARGO_HOME's own folders
    /// then get the search bit for others (never read: names can't be listed, and FARGO_HOME's files stay readable
    /// by their owner alone); but when a folder above FARGO_HOME is closed to that user (root's home, a private
    /// temporary folder), the servers go to /var/lib/fargo/postgres/HASH-OF-FARGO_HOME instead, and each database's
    /// record in FARGO_HOME says where its data is.
    /// </summary>
    private async Task<StorageLayout> ResolveLayoutAsync(CancellationToken cancellationToken)
    {
        var runAs = ServiceUser.ForCurrentProcess();
        var local = new StorageLayout(Path.Combine(Root, "servers"), Path.Combine(Root, "binaries"), runAs);
        if (runAs is null || !OperatingSystem.IsLinux())
        {
            return local;
        }

        var parent = Path.GetDirectoryName(_home.Root) ?? "/";
        var probe = await ProcessRunner.RunAsync("/usr/bin/test", ["-x", parent], runAs, "/", null, null, cancellationToken).ConfigureAwait(false);
        if (probe.ExitCode == 0)
        {
            foreach (var folder in new[] { _home.Root, _home.LocalDirectory, Root })
            {
                File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherExecute);
            }

            return local;
        }

        var shared = Path.Combine(SharedRoot, Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(_home.Root)))[..16]);
        LogSharedRoot(_logger, _home.Root, runAs.Name, shared);
        return new StorageLayout(Path.Combine(shared, "servers"), Path.Combine(SharedRoot, "binaries"), runAs);
    }

    /// <summary>The server's folder, created and owned by the user PostgreSQL runs as (its parents searchable by that user).</summary>
    private PostgresInstance PrepareInstance(string directory, PostgresBinaries binaries)
    {
        var runAs = _layout?.RunAs;
        var parent = Path.GetDirectoryName(directory)!;
        if (runAs is not null && OperatingSystem.IsLinux())
        {
            var top = parent.StartsWith(SharedRoot, StringComparison.Ordinal) ? Path.GetDirectoryName(SharedRoot)! : Root;
            var chain = new Stack<string>();
            for (var folder = parent; folder.Length >= top.Length; folder = Path.GetDirectoryName(folder)!)
            {
                chain.Push(folder);
                if (folder == top)
                {
                    break;
                }
            }

            foreach (var folder in chain)
            {
                FargoHome.CreatePrivateDirectory(folder);
                File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | UnixFileMode.OtherExecute);
            }

            FargoHome.CreatePrivateDirectory(directory);
            runAs.Own(directory);
        }
        else
        {
            FargoHome.CreatePrivateDirectory(parent);
            FargoHome.CreatePrivateDirectory(directory);
        }

        return new PostgresInstance(directory, binaries, runAs);
    }

    /// <summary>Under /var/lib/fargo/postgres, a FARGO_HOME's folders go with its last database.</summary>
    private static void RemoveEmptySharedFolders(string folder)
    {
        while (folder.StartsWith(SharedRoot + "/", StringComparison.Ordinal) && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
            folder = Path.GetDirectoryName(folder)!;
        }
    }

    private void PutConnectionParameters(DatabaseRecord record)
    {
        var path = record.ParameterPath;
        var what = $"of the local PostgreSQL database {record.Name}";
        _parameters.Put(path + "/DB_HOST", Host, secure: false, "Host " + what);
        _parameters.Put(path + "/DB_PORT", record.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), secure: false, "Port " + what);
        _parameters.Put(path + "/DB_NAME", DatabaseOf(record), secure: false, "Database name " + what);
        _parameters.Put(path + "/DB_USER", UserOf(record), secure: false, "User " + what);
    }

    private static IEnumerable<string> ParameterNames(string path) =>
        ParameterSuffixes.Select(n => path + "/" + n);

    private void Save(DatabaseRecord record) =>
        FargoHome.WritePrivateFile(Path.Combine(RegistryDirectory, record.Name + ".json"), JsonSerializer.SerializeToUtf8Bytes(record, DatabaseJsonContext.Default.DatabaseRecord));

    private DatabaseDescription Describe(DatabaseState state) => new()
    {
        Name = state.Record.Name,
        Status = state.Status,
        StatusReason = state.StatusReason,
        Engine = Engine,
        EngineVersion = state.Record.EngineVersion ?? _engineVersion,
        Host = Host,
        Port = state.Record.Port,
        Database = DatabaseOf(state.Record),
        User = UserOf(state.Record),
        PasswordParameter = PasswordParameterOf(state.Record.ParameterPath),
        ParameterPath = state.Record.ParameterPath,
        CreatedAt = state.Record.CreatedAt,
        DataDirectory = state.Record.ServerDirectory is { } directory ? Path.Combine(directory, "data") : null,
    };

    private static string UserOf(DatabaseRecord record) => record.User ?? record.Name;

    private static string DatabaseOf(DatabaseRecord record) => record.DatabaseName ?? record.Name;

    /// <summary>A role or database name given by the caller: a plain identifier, so it quotes safely into SQL.</summary>
    private static string ValidIdentifier(string value, string what) =>
        value.Length is > 0 and <= 63 && char.IsAsciiLetter(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? value
            : throw new LocalServiceException("InvalidParameterException", $"The {what} '{value}' is not valid: use 1 to 63 letters, digits or '_', starting with a letter.");

    private static void ValidateName(string name)
    {
        if (!NamePattern().IsMatch(name ?? ""))
        {
            throw new LocalServiceException("InvalidParameterException",
                $"Database name '{name}' is not valid: use 1 to 63 lowercase letters, digits, '_' or '-', starting with a letter.");
        }
    }

    private static void ValidateParameterPath(string path)
    {
        if (!ParameterPathPattern().IsMatch(path))
        {
            throw new LocalServiceException("InvalidParameterException",
                $"Parameter path '{path}' is not valid: it starts with '/' and its segments hold letters, digits, '_', '.' and '-'.");
        }
    }

    private static LocalServiceException NotFound(string name) => new("DatabaseNotFoundException", $"Database {name} not found.");

    /// <summary>An SQL identifier in double quotes (names are validated to need no escaping, but quoting keeps '-' legal).</summary>
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>32 letters and digits (190 bits): strong, and safe in a connection string or an SQL literal.</summary>
    private static string NewPassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,62}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(/[A-Za-z0-9_.-]+)+$")]
    private static partial Regex ParameterPathPattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "FARGO_HOME {Home} is out of reach of the user {User} that runs PostgreSQL; database servers go to {Shared}")]
    private static partial void LogSharedRoot(ILogger logger, string home, string user, string shared);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Name} is available on 127.0.0.1:{Port}")]
    private static partial void LogAvailable(ILogger logger, string name, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "Database {Name} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Name} could not stop: {Reason}")]
    private static partial void LogStopFailed(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Name}: port {Old} is taken by another program; it moves to port {New} (DB_PORT updated)")]
    private static partial void LogPortMoved(ILogger logger, string name, int old, int @new);

    private sealed record StorageLayout(string ServersRoot, string BinariesRoot, ServiceUser? RunAs);

    /// <summary>A database at run time; its fields are guarded by the manager's lock, its work serialized by <see cref="Gate"/>.</summary>
    private sealed class DatabaseState(DatabaseRecord record)
    {
        public DatabaseRecord Record { get; set; } = record;
        public string Status { get; set; } = "creating";
        public string? StatusReason { get; set; }
        public Task? Operation { get; set; }
        public PostgresInstance? Instance { get; set; }
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}

using System.Text.Json.Serialization;

namespace Fargo.Local.Database;

// The wire shapes of Fargo's own database operations (JSON 1.1, X-Amz-Target FargoLocal.<Operation>,
// signed for the service "fargo" like every request to the local region), and their kept record.

/// <summary>CreateDatabase: a PostgreSQL server named <see cref="Name"/>, with the database and user of that name.</summary>
public sealed record CreateDatabaseRequest
{
    public required string Name { get; init; }

    /// <summary>Where the connection parameters go (DB_HOST … DB_PASSWORD beneath it); default "/&lt;name&gt;". A service's secrets path.</summary>
    public string? ParameterPath { get; init; }

    /// <summary>The login role; default the name. (RDS's MasterUsername.)</summary>
    public string? User { get; init; }

    /// <summary>The database made for the user; default the name. (RDS's DBName.)</summary>
    public string? DatabaseName { get; init; }

    /// <summary>The user's password; default a generated one. (RDS's MasterUserPassword.)</summary>
    public string? Password { get; init; }
}

public sealed record DatabaseNameRequest
{
    public required string Name { get; init; }
}

public sealed record DeleteDatabaseRequest
{
    public required string Name { get; init; }

    /// <summary>Also delete the data folder; without it the data stays, and a later CreateDatabase of the name takes it up again.</summary>
    public bool DeleteData { get; init; }
}

public sealed record DescribeDatabasesRequest
{
    /// <summary>Only these; all when absent.</summary>
    public IReadOnlyList<string>? Names { get; init; }
}

/// <summary>A database as the operations describe it. Never the password: only the name of the parameter that holds it.</summary>
public sealed record DatabaseDescription
{
    public required string Name { get; init; }

    /// <summary>creating, available, starting, stopped, failed or deleting.</summary>
    public required string Status { get; init; }

    /// <summary>Why it is failed or stopped.</summary>
    public string? StatusReason { get; init; }

    public required string Engine { get; init; }

    public string? EngineVersion { get; init; }

    public required string Host { get; init; }

    public required int Port { get; init; }

    public required string Database { get; init; }

    public required string User { get; init; }

    public required string PasswordParameter { get; init; }

    public required string ParameterPath { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Where the server keeps its data (kept across restarts; deleted only by DeleteDatabase with DeleteData).</summary>
    public string? DataDirectory { get; init; }
}

public sealed record DatabaseResponse
{
    public required DatabaseDescription Database { get; init; }
}

public sealed record DescribeDatabasesResponse
{
    public required IReadOnlyList<DatabaseDescription> Databases { get; init; }
}

/// <summary>What is kept of a database across restarts (FARGO_HOME/local/postgres/registry/NAME.json).</summary>
public sealed record DatabaseRecord
{
    public required string Name { get; init; }
    public required string ParameterPath { get; init; }
    public required int Port { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? EngineVersion { get; init; }
    public string? User { get; init; }
    public string? DatabaseName { get; init; }

    /// <summary>The server's folder (data/ and server.log), chosen at its first start.</summary>
    public string? ServerDirectory { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(CreateDatabaseRequest))]
[JsonSerializable(typeof(DatabaseNameRequest))]
[JsonSerializable(typeof(DeleteDatabaseRequest))]
[JsonSerializable(typeof(DescribeDatabasesRequest))]
[JsonSerializable(typeof(DatabaseResponse))]
[JsonSerializable(typeof(DescribeDatabasesResponse))]
[JsonSerializable(typeof(DatabaseRecord))]
public sealed partial class DatabaseJsonContext : JsonSerializerContext;

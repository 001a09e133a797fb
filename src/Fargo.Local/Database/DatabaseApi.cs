using Fargo.Aws;
using Fargo.Local.Api;

namespace Fargo.Local.Database;

/// <summary>
/// Fargo's own operations of the local region, spoken like AWS's JSON services: POST /, Content-Type
/// application/x-amz-json-1.1, X-Amz-Target "FargoLocal.&lt;Operation&gt;", SigV4-signed for the service "fargo".
/// </summary>
public static class FargoLocalService
{
    public static AwsServiceDescription Description { get; } = new(
        "Fargo Local", "fargo", "fargo", AwsProtocol.Json11, "FargoLocal", "2025-01-01", "FARGO_LOCAL", null);
}

/// <summary>The database operations on the wire: CreateDatabase, DescribeDatabases, DeleteDatabase.</summary>
internal static class DatabaseApi
{
    public static JsonOperationTable Create(DatabaseManager databases)
    {
        ArgumentNullException.ThrowIfNull(databases);
        var json = DatabaseJsonContext.Default;
        return new JsonOperationTable(FargoLocalService.Description)
            .Add("CreateDatabase", json.CreateDatabaseRequest, json.DatabaseResponse, request =>
                new DatabaseResponse { Database = databases.Create(request) })
            .Add("DescribeDatabases", json.DescribeDatabasesRequest, json.DescribeDatabasesResponse, request =>
                new DescribeDatabasesResponse { Databases = databases.Describe(request.Names) })
            .Add("DeleteDatabase", json.DeleteDatabaseRequest, json.DatabaseResponse, request =>
                new DatabaseResponse { Database = databases.Delete(request) });
    }
}

using Fargo.Aws;
using Fargo.Aws.Http;
using Fargo.Aws.Protocols;

namespace Fargo.Local.Database;

/// <summary>A database that could not be created or deleted; the message is the local region's reason.</summary>
public sealed class DatabaseOperationException : Exception
{
    public DatabaseOperationException(string message)
        : base(message)
    {
    }

    public DatabaseOperationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatabaseOperationException()
        : base("The database operation failed.")
    {
    }
}

/// <summary>
/// The client of the local region's database operations (for <c>fargo local database create|list|delete</c> and
/// <c>fargo up</c>): signed requests through Fargo.Aws, and waits that follow a create or delete to its end.
/// </summary>
public sealed class LocalDatabaseClient(AwsHttpClient http)
{
    private readonly AwsJsonProtocolClient _protocol = new(http);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public Task<DatabaseResponse> CreateDatabaseAsync(CreateDatabaseRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(FargoLocalService.Description, "CreateDatabase", request, DatabaseJsonContext.Default.CreateDatabaseRequest, DatabaseJsonContext.Default.DatabaseResponse, cancellationToken);

    public Task<DescribeDatabasesResponse> DescribeDatabasesAsync(DescribeDatabasesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(FargoLocalService.Description, "DescribeDatabases", request, DatabaseJsonContext.Default.DescribeDatabasesRequest, DatabaseJsonContext.Default.DescribeDatabasesResponse, cancellationToken);

    public Task<DatabaseResponse> DeleteDatabaseAsync(DeleteDatabaseRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(FargoLocalService.Description, "DeleteDatabase", request, DatabaseJsonContext.Default.DeleteDatabaseRequest, DatabaseJsonContext.Default.DatabaseResponse, cancellationToken);

    /// <summary>Creates the database and waits until it is available; throws <see cref="DatabaseOperationException"/> when it failed.</summary>
    public async Task<DatabaseDescription> CreateAndWaitAsync(CreateDatabaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var database = (await CreateDatabaseAsync(request, cancellationToken).ConfigureAwait(false)).Database;
        while (database.Status is "creating" or "starting")
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            database = (await DescribeDatabasesAsync(new DescribeDatabasesRequest { Names = [request.Name] }, cancellationToken).ConfigureAwait(false)).Databases[0];
        }

        return database.Status == "available"
            ? database
            : throw new DatabaseOperationException($"Database {request.Name} is {database.Status}: {database.StatusReason}");
    }

    /// <summary>Deletes the database and waits until it is gone.</summary>
    public async Task DeleteAndWaitAsync(DeleteDatabaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await DeleteDatabaseAsync(request, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            DatabaseDescription database;
            try
            {
                database = (await DescribeDatabasesAsync(new DescribeDatabasesRequest { Names = [request.Name] }, cancellationToken).ConfigureAwait(false)).Databases[0];
            }
            catch (AwsServiceException e) when (e.Code == "DatabaseNotFoundException")
            {
                return;
            }

            if (database.Status == "failed")
            {
                throw new DatabaseOperationException($"Database {request.Name} could not be deleted: {database.StatusReason}");
            }
        }
    }
}

using Fargo.Aws;
using Fargo.Aws.Http;
using Fargo.Deploy.Local;
using Fargo.Deploy.Targets;
using Fargo.Local.Client;
using Fargo.Local.CloudFront;
using Fargo.Local.Database;
using Fargo.Local.Home;

namespace Fargo.Cli.Commands.Service;

/// <summary>
/// Fargo.Deploy's view of the local region, implemented with the engine's own client API: started on demand (the
/// `fargo` tool itself runs it, as `fargo local serve`), its databases (Fargo's CreateDatabase operation) and its
/// image import.
/// </summary>
internal sealed class LocalRegionAccessor(CliHost host) : ILocalRegion, ILocalDatabases, ILocalImages, IDisposable
{
    private LocalRegionConnection? _connection;
    private AwsHttpClient? _http;

    public FargoHome Home { get; } = FargoHome.FromEnvironment(host.GetEnvironmentVariable);

    /// <summary>Where `fargo build` writes its output folders: FARGO_HOME/builds.</summary>
    public string BuildsDirectory => Path.Combine(Home.Root, "builds");

    public async Task<LocalRegionAccess> EnsureRunningAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        return new LocalRegionAccess(connection.Endpoint, connection.Credentials.AccessKeyId, connection.Credentials.SecretAccessKey);
    }

    public async Task<LocalDatabase> EnsureAsync(string name, string parameterPath, CancellationToken cancellationToken)
    {
        var client = await DatabasesAsync(cancellationToken);
        var database = await client.CreateAndWaitAsync(new CreateDatabaseRequest { Name = name, ParameterPath = parameterPath }, cancellationToken);
        return new LocalDatabase(database.Name, database.Host, database.Port, database.Database, database.User, database.PasswordParameter);
    }

    public async Task<bool> DeleteAsync(string name, bool deleteData, CancellationToken cancellationToken)
    {
        var client = await DatabasesAsync(cancellationToken);
        try
        {
            await client.DeleteAndWaitAsync(new DeleteDatabaseRequest { Name = name, DeleteData = deleteData }, cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.Code == "DatabaseNotFoundException")
        {
            return false;
        }
    }

    /// <summary>The loopback URL the local region serves a CloudFront distribution at, by its domain name (dXXXX.cloudfront.net); null when none has it.</summary>
    public async Task<string?> DistributionUrlAsync(string domainName, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        _http ??= new AwsHttpClient(connection.ClientOptions());
        var described = await new LocalDistributionsClient(_http).DescribeDistributionsAsync(new DescribeDistributionsRequest(), cancellationToken);
        return described.Distributions.FirstOrDefault(d => string.Equals(d.DomainName, domainName, StringComparison.OrdinalIgnoreCase))?.LocalUrl;
    }

    public Task<LocalImage> ImportAsync(string directory, string repository, string tag, CancellationToken cancellationToken) =>
        ImportAsync(directory, repository, tag, signer: null, cancellationToken);

    /// <param name="signer">Null: signed with the local region's own key; else these credentials (a [pipeline] stage's caller).</param>
    public async Task<LocalImage> ImportAsync(string directory, string repository, string tag, Fargo.Aws.Credentials.AwsCredentials? signer, CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        var imported = await LocalImageImporter.ImportAsync(connection, directory, repository, tag, cancellationToken, signer);
        return new LocalImage(imported.RepositoryName, imported.ImageTag, imported.ImageDigest, imported.ImageUri);
    }

    public void Dispose() => _http?.Dispose();

    private async Task<LocalRegionConnection> ConnectAsync(CancellationToken cancellationToken) =>
        _connection ??= await LocalRegion.EnsureRunningAsync(
            Home,
            new LocalRegionStartOptions { Command = EngineLaunchCommand.ForCurrentProcess("local", "serve") },
            cancellationToken);

    private async Task<LocalDatabaseClient> DatabasesAsync(CancellationToken cancellationToken)
    {
        var connection = await ConnectAsync(cancellationToken);
        _http ??= new AwsHttpClient(connection.ClientOptions());
        return new LocalDatabaseClient(_http);
    }
}

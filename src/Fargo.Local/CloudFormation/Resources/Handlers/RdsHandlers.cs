using System.Globalization;
using System.Text.Json.Nodes;
using Fargo.Local.Api;
using Fargo.Local.Database;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>
/// AWS::RDS::DBInstance as a real PostgreSQL server of the <see cref="DatabaseManager"/>: MasterUsername, the
/// MasterUserPassword (a dynamic reference to the generated secret, resolved when the instance is made) and DBName.
/// The server runs the PostgreSQL the machine has; when that is not the requested major version, the creation event
/// says so. DeletionPolicy Snapshot and Retain keep the data folder, which a later instance of the same identifier
/// takes up again. Ref: the identifier; Endpoint.Address, Endpoint.Port, DBInstanceArn, DbiResourceId.
/// </summary>
internal sealed class DatabaseInstanceHandler(DatabaseManager databases) : IResourceHandler
{
    /// <summary>Where the database manager keeps each instance's connection parameters (SSM names may not start with /aws).</summary>
    public const string ParameterRoot = "/fargo-local/rds/";

    public async Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var engine = PropertyMapping.Text(properties, "Engine") ?? throw new ResourceFailedException("Property Engine cannot be empty.");
        if (!engine.StartsWith("postgres", StringComparison.Ordinal))
        {
            throw new ResourceFailedException($"The local region runs PostgreSQL only; engine {engine} is not available locally.");
        }

        var identifier = (PropertyMapping.Text(properties, "DBInstanceIdentifier") ?? context.GeneratedName(63, lowercase: true)).ToLowerInvariant();
        var user = PropertyMapping.Text(properties, "MasterUsername") ?? "postgres";
        var password = PropertyMapping.Text(properties, "MasterUserPassword");
        if (password is null && properties["ManageMasterUserPassword"] is not null)
        {
            throw new ResourceFailedException("ManageMasterUserPassword is not available locally; give MasterUserPassword (a {{resolve:secretsmanager:…}} reference to a generated secret).");
        }

        databases.Create(new CreateDatabaseRequest
        {
            Name = identifier,
            ParameterPath = ParameterRoot + identifier,
            User = user,
            DatabaseName = PropertyMapping.Text(properties, "DBName") ?? "postgres",
            Password = password,
        });
        var description = await databases.WaitAsync(identifier, cancellationToken).ConfigureAwait(false)
            ?? throw new ResourceFailedException($"DB instance {identifier} disappeared while it was being created.");
        if (description.Status != "available")
        {
            throw new ResourceFailedException($"DB instance {identifier} could not start: {description.StatusReason}");
        }

        return Outcome(description, VersionNote(PropertyMapping.Text(properties, "EngineVersion"), description.EngineVersion));
    }

    /// <summary>Instance class, storage and the like have no local meaning; the identifier, engine, user and database are create-only.</summary>
    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        if (!JsonNode.DeepEquals(previous["MasterUserPassword"], properties["MasterUserPassword"]))
        {
            throw new ResourceFailedException("Changing MasterUserPassword is not available locally yet; replace the instance (change its identifier) instead.");
        }

        var description = databases.Describe([physicalId])[0];
        return Task.FromResult(Outcome(description, null));
    }

    public async Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        try
        {
            databases.Delete(new DeleteDatabaseRequest { Name = physicalId, DeleteData = !snapshot });
        }
        catch (LocalServiceException e) when (e.Code is "DatabaseNotFoundException" or "ResourceNotFoundException" or "NotFound")
        {
            return;
        }

        await databases.WaitAsync(physicalId, cancellationToken).ConfigureAwait(false);
    }

    private static string? VersionNote(string? requested, string? running)
    {
        if (requested is null || running is null)
        {
            return null;
        }

        var wantedMajor = requested.Split('.')[0];
        var runningMajor = running.Split('.')[0];
        return wantedMajor == runningMajor
            ? null
            : $"PostgreSQL {requested} was requested; this machine has PostgreSQL {running}, the nearest version available locally, and the instance runs that.";
    }

    private static ResourceOutcome Outcome(DatabaseDescription description, string? note)
    {
        var arn = $"arn:aws:rds:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:db:{description.Name}";
        return new ResourceOutcome(description.Name, new Dictionary<string, JsonNode?>
        {
            ["Endpoint.Address"] = description.Host,
            ["Endpoint.Port"] = description.Port.ToString(CultureInfo.InvariantCulture),
            ["Endpoint.HostedZoneId"] = "Z2R2ITUGPM61AM",
            ["DBInstanceArn"] = arn,
            ["DbiResourceId"] = "db-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(description.Name)))[..26],
            ["DBInstanceStatus"] = description.Status,
            ["DBSystemId"] = description.Name,
            ["InstanceCreateTime"] = description.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        }, note);
    }
}

/// <summary>The database manager's instances as SecretTargetAttachment reads them.</summary>
internal sealed class ManagedDatabaseInstances(DatabaseManager databases) : IDatabaseInstances
{
    public IReadOnlyDictionary<string, JsonNode?>? ConnectionOf(string instanceIdentifier)
    {
        var found = databases.Describe().FirstOrDefault(d => d.Name == instanceIdentifier);
        return found is null
            ? null
            : new Dictionary<string, JsonNode?>
            {
                ["engine"] = "postgres",
                ["host"] = found.Host,
                ["port"] = found.Port,
                ["dbname"] = found.Database,
                ["dbInstanceIdentifier"] = found.Name,
            };
    }
}

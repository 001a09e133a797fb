namespace Fargo.Deploy.Local;

/// <summary>The local region's PostgreSQL (Fargo's own CreateDatabase operation), as `fargo up` and `fargo down` use it.</summary>
public interface ILocalDatabases
{
    /// <summary>
    /// Makes sure the database server <paramref name="name"/> runs, creating it (or taking its kept data up again),
    /// with its connection parameters (DB_HOST … DB_PASSWORD) under <paramref name="parameterPath"/>.
    /// </summary>
    Task<LocalDatabase> EnsureAsync(string name, string parameterPath, CancellationToken cancellationToken);

    /// <summary>Stops and removes the server; its data stays unless <paramref name="deleteData"/>. No-op when it does not exist.</summary>
    Task<bool> DeleteAsync(string name, bool deleteData, CancellationToken cancellationToken);
}

/// <summary>A running local database, as a task sees it. Never the password: the parameter that holds it.</summary>
public sealed record LocalDatabase(string Name, string Host, int Port, string Database, string User, string PasswordParameter);

/// <summary>The local region's ECR import: a folder of files becomes an image (`fargo local import`).</summary>
public interface ILocalImages
{
    Task<LocalImage> ImportAsync(string directory, string repository, string tag, CancellationToken cancellationToken);
}

/// <summary>An imported image: its digest and its URI pinned by digest.</summary>
public sealed record LocalImage(string Repository, string Tag, string Digest, string ImageUri);

using Fargo.Local.Api;
using Fargo.Local.Ssm;

namespace Fargo.Local.Database;

/// <summary>Where a database's connection parameters go: the local region's SSM Parameter Store.</summary>
public interface IDatabaseParameters
{
    /// <summary>Writes (or overwrites) a parameter; <paramref name="secure"/> makes it a SecureString.</summary>
    void Put(string name, string value, bool secure, string description);

    /// <summary>The parameter's value (decrypted), or null when there is no such parameter.</summary>
    string? Find(string name);

    /// <summary>Deletes the parameter if it exists.</summary>
    void Delete(string name);
}

/// <summary>The database parameters in the engine's <see cref="ParameterStore"/>.</summary>
internal sealed class SsmDatabaseParameters(ParameterStore store) : IDatabaseParameters
{
    public void Put(string name, string value, bool secure, string description) =>
        store.Put(name, value, secure ? "SecureString" : "String", overwrite: true, description, keyId: null, allowedPattern: null, dataType: null, tags: null);

    public string? Find(string name)
    {
        try
        {
            return store.Get(name, withDecryption: true).Value;
        }
        catch (LocalServiceException e) when (e.Code == "ParameterNotFound")
        {
            return null;
        }
    }

    public void Delete(string name)
    {
        try
        {
            store.Delete(name);
        }
        catch (LocalServiceException e) when (e.Code == "ParameterNotFound")
        {
            // Already gone.
        }
    }
}

namespace Fargo.Local.Home;

/// <summary>
/// The folder that holds the engine's state and credentials (FARGO_HOME, default ~/.fargo).
/// Created readable by the user alone: it holds the local secret key and the SSM encryption key.
/// </summary>
public sealed class FargoHome
{
    public const string EnvironmentVariable = "FARGO_HOME";

    public FargoHome(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string LocalDirectory => Path.Combine(Root, "local");
    public string CredentialsFile => Path.Combine(LocalDirectory, "credentials.json");
    public string EngineFile => Path.Combine(LocalDirectory, "engine.json");
    public string EngineLockFile => Path.Combine(LocalDirectory, "engine.lock");
    public string EngineLogFile => Path.Combine(LocalDirectory, "engine.log");
    public string StateDatabase => Path.Combine(LocalDirectory, "state.db");
    public string LogsDatabase => Path.Combine(LocalDirectory, "logs.db");
    public string ParameterKeyFile => Path.Combine(LocalDirectory, "ssm.key");

    /// <summary>The local OIDC issuer's RS256 signing key (PEM): what `fargo local oidc-token` signs with and STS verifies with.</summary>
    public string OidcSigningKeyFile => Path.Combine(LocalDirectory, "oidc-signing-key.pem");
    public string ImagesDirectory => Path.Combine(LocalDirectory, "images");
    public string UploadsDirectory => Path.Combine(LocalDirectory, "uploads");
    public string TasksDirectory => Path.Combine(LocalDirectory, "tasks");

    /// <summary>The local ACM's certificate authority: ca-cert.pem is the file to trust for locally issued certificates.</summary>
    public string CertificatesDirectory => Path.Combine(LocalDirectory, "acm");

    /// <summary>The local certificate authority's root: trust it (e.g. <c>curl --cacert</c>) and locally issued certificates verify.</summary>
    public string CertificateAuthorityFile => Path.Combine(CertificatesDirectory, CertificateManager.LocalCertificateAuthority.CertificateFileName);

    /// <summary>FARGO_HOME from the environment, else ~/.fargo.</summary>
    public static FargoHome FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>FARGO_HOME from the given environment, else ~/.fargo (HOME from that environment first).</summary>
    public static FargoHome FromEnvironment(Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var configured = getVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new FargoHome(configured);
        }

        var profile = getVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new FargoHome(Path.Combine(profile, ".fargo"));
    }

    /// <summary>Creates the folders (mode 0700 on Unix) if they do not exist yet.</summary>
    public void EnsureCreated()
    {
        CreatePrivateDirectory(Root);
        CreatePrivateDirectory(LocalDirectory);
        CreatePrivateDirectory(ImagesDirectory);
        CreatePrivateDirectory(UploadsDirectory);
        CreatePrivateDirectory(TasksDirectory);
    }

    internal static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>
    /// Writes a file only the user can read (0600), atomically: a reader sees the old file or the new one,
    /// never half of it, and the secret is never on disk with wider permissions even for a moment.
    /// </summary>
    internal static void WritePrivateFile(string path, ReadOnlySpan<byte> content) => WritePrivateFile(path, content, overwrite: true);

    /// <summary>
    /// Writes a file only this user may read, whole or not at all; unless <paramref name="overwrite"/>, returns false and
    /// leaves the file as it is when one is there already (another process wrote it first).
    /// </summary>
    internal static bool WritePrivateFile(string path, ReadOnlySpan<byte> content, bool overwrite)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }
}

using System.Text.Json;

namespace Fargo.Deploy.Images.Pushing;

/// <summary>
/// A Docker client configuration folder holding one registry login, made for one push and deleted right after (also
/// when the push fails): the folder is 0700 and config.json 0600, in the temporary folder, never in the user's own
/// ~/.docker. docker reads it through --config DIR, podman through --authfile DIR/config.json, the .NET SDK through
/// DOCKER_CONFIG=DIR; none of them sees the token on a command line.
/// </summary>
public sealed class TemporaryDockerConfig : IDisposable
{
    private TemporaryDockerConfig(string directory)
    {
        Directory = directory;
    }

    /// <summary>The folder (pass it to --config or DOCKER_CONFIG).</summary>
    public string Directory { get; }

    /// <summary>DIR/config.json (pass it to podman's --authfile).</summary>
    public string ConfigFile => Path.Combine(Directory, "config.json");

    public static TemporaryDockerConfig Create(RegistryLogin login)
    {
        ArgumentNullException.ThrowIfNull(login);
        var directory = Path.Combine(Path.GetTempPath(), "fargo-registry-login-" + Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var config = new TemporaryDockerConfig(directory);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(config.ConfigFile, options);
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            writer.WriteStartObject();
            writer.WriteStartObject("auths");
            writer.WriteStartObject(login.Registry);
            writer.WriteString("auth", login.Auth);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        catch
        {
            config.Dispose();
            throw;
        }

        return config;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}

namespace Fargo.Local.Tests.Support;

/// <summary>A temporary folder, deleted with everything in it (read-only image folders included).</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string prefix = "fargo-local-test-")
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(string relativePath, string content, bool executable = false)
    {
        var path = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        if (executable)
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        return path;
    }

    public void Dispose() => DeleteTree(Path);

    public static void DeleteTree(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        foreach (var directory in new DirectoryInfo(path).EnumerateDirectories("*", SearchOption.AllDirectories).Prepend(new DirectoryInfo(path)))
        {
            if (directory.LinkTarget is null)
            {
                directory.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }
        }

        Directory.Delete(path, recursive: true);
    }
}

namespace Fargo.Local.Client;

/// <summary>
/// How to start an engine process: a program and the arguments that make it run the engine (for the
/// `fargo` tool, its hidden `local serve` command).
/// </summary>
public sealed record EngineLaunchCommand(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// The running program itself with <paramref name="arguments"/>: the apphost directly, or
    /// `dotnet fargo.dll …` when this process runs through the dotnet host.
    /// </summary>
    public static EngineLaunchCommand ForCurrentProcess(params string[] arguments)
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("can't tell which program is running");
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        var isDotnetHost = Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return isDotnetHost && !string.IsNullOrEmpty(entry)
            ? new EngineLaunchCommand(processPath, [entry, .. arguments])
            : new EngineLaunchCommand(processPath, arguments);
    }
}

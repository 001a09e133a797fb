using System.Diagnostics;
using System.Globalization;

namespace Fargo.Benchmarks;

/// <summary>
/// How long `fargo` takes to start and finish short commands, against a bare .NET start (a hello world: this
/// program's `hello` mode, through its own apphost), in one run: the median of several runs each and the spread.
/// `fargo status` runs with the local region's engine running (started first, in a FARGO_HOME of its own unless
/// --home names one, e.g. one where `fargo up` ran, so that status shows a whole service).
/// </summary>
public static class CliBenchmark
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var fargo = Option(args, "--fargo") ?? FindOnPath("fargo")
            ?? throw new InvalidOperationException("fargo is not on PATH: install it as the README says (dotnet pack + dotnet tool install), or pass --fargo PATH.");
        var runs = int.Parse(Option(args, "--runs") ?? "10", CultureInfo.InvariantCulture);
        var example = Path.GetFullPath(Option(args, "--example") ?? Path.Combine(RepositoryRoot(), "examples", "todo-api"));
        var home = Option(args, "--home");
        var temporaryHome = home is null ? Directory.CreateTempSubdirectory("fargo-cli-bench-") : null;
        home ??= temporaryHome!.FullName;
        var environment = new Dictionary<string, string> { ["FARGO_HOME"] = home };
        if (temporaryHome is not null)
        {
            // An engine of its own, beside any other on the machine (the default port is 4599).
            environment["FARGO_LOCAL_PORT"] = FreePort().ToString(CultureInfo.InvariantCulture);
        }

        try
        {
            if (await TimeAsync(fargo, ["local", "start"], example, environment) is var started && !started.Succeeded)
            {
                throw new InvalidOperationException($"fargo local start failed: {started.Output}");
            }

            var hello = Environment.ProcessPath!;
            string[] helloArgs = Path.GetFileNameWithoutExtension(hello) == "dotnet" ? [typeof(CliBenchmark).Assembly.Location, "hello"] : ["hello"];
            var commands = new List<(string Name, string File, string[] Args)>
            {
                ("bare dotnet hello world", hello, helloArgs),
                ("fargo --version", fargo, ["--version"]),
                ("fargo validate", fargo, ["validate"]),
                ("fargo status", fargo, ["status"]),
            };
            Console.WriteLine($"fargo: {fargo}; {runs} runs each, the commands taking turns, after one warm-up run each; {Environment.ProcessorCount} cores; load average {Figures.LoadAverage()}; FARGO_HOME {home}.");
            foreach (var (_, file, arguments) in commands)
            {
                await TimeAsync(file, arguments, example, environment);
            }

            var times = commands.ToDictionary(c => c.Name, _ => new List<double>());
            for (var run = 0; run < runs; run++)
            {
                foreach (var (name, file, arguments) in commands)
                {
                    times[name].Add((await TimeAsync(file, arguments, example, environment)).Milliseconds);
                }
            }

            var bare = Figures.Median(times[commands[0].Name]);
            Console.WriteLine();
            Console.WriteLine($"{"command",-26} {"median ms",10} {"spread ms",14} {"x bare start",13}");
            foreach (var (name, _, _) in commands)
            {
                var values = times[name];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-26} {Figures.Median(values),10:0} {$"{values.Min():0}-{values.Max():0}",14} {Figures.Median(values) / bare,12:0.00}x"));
            }

            Console.WriteLine($"Load average after: {Figures.LoadAverage()}");
            return 0;
        }
        finally
        {
            if (temporaryHome is not null)
            {
                await TimeAsync(fargo, ["local", "stop"], example, environment);
                temporaryHome.Delete(recursive: true);
            }
        }
    }

    public static int Hello()
    {
        Console.WriteLine("hello");
        return 0;
    }

    /// <summary>Wall time of one run, start to exit, in milliseconds; whether it succeeded and what it printed.</summary>
    private static async Task<(double Milliseconds, bool Succeeded, string Output)> TimeAsync(string file, string[] arguments, string workingDirectory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        return (elapsed, process.ExitCode == 0, await output + await error);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i + 1 < args.Count; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"))
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fargo.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}

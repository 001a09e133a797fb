using Fargo.Cli;

// Ctrl-C and SIGTERM cancel the running command's token; a command gets this long to stop before fargo
// exits anyway with 130 (SIGINT) or 143 (SIGTERM).
var terminationTimeout = TimeSpan.FromSeconds(5);
var exitCode = await FargoApp.RunAsync(args, CliHost.ForProcess(), CancellationToken.None, terminationTimeout);
LoadedAssemblies.WriteIfAsked(Console.Error);
return exitCode;

using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Fargo.Cli.Errors;
using Fargo.Cli.Rendering;
using Fargo.Local;
using Fargo.Local.Api;
using Fargo.Local.Artifacts;
using Fargo.Local.Client;
using Fargo.Local.Engine;
using Fargo.Local.Home;
using Fargo.Local.Sts;
using Fargo.Infrastructure.Pipelines;
using Spectre.Console;

namespace Fargo.Cli.Commands.Local;

/// <summary>
/// `fargo local start|stop|status|env|import|oidc-token`: the local region, a background engine on 127.0.0.1 that speaks
/// the AWS APIs Fargo uses and runs tasks as local processes. `local serve` (hidden) is the engine itself.
/// </summary>
internal sealed class LocalCommand : ICliCommand
{
    /// <summary>How long a local OIDC token is valid: long enough for a pipeline stage to exchange it, as GitHub's are.</summary>
    private static readonly TimeSpan OidcTokenLifetime = TimeSpan.FromMinutes(10);

    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new Command(
            "local",
            "The local region: a background engine on this machine that speaks the AWS APIs Fargo uses (ECS, ECR, " +
            "SSM, CloudWatch Logs, STS, PostgreSQL) on 127.0.0.1 and runs tasks as local processes. Commands that target the " +
            "local region start it when it isn't running. State lives in FARGO_HOME (default ~/.fargo).")
        {
            Start(services),
            Stop(services),
            Status(services),
            Env(services),
            Import(services),
            OidcToken(services),
            LocalDatabaseCommand.Create(services, (context, cancellation) => EnsureRunningAsync(context, HomeOf(context), null, cancellation)),
            Serve(services),
        };
    }

    private static Command Start(CommandServices services)
    {
        var port = new Option<int?>("--port")
        {
            Description = $"The port to listen on when starting (default {LocalRegionConstants.DefaultPort}, or FARGO_LOCAL_PORT).",
            HelpName = "port",
        };
        var command = new Command("start", "Start the local region's engine in the background (nothing happens if it is running).") { port };
        services.SetAction(command, async (context, cancellation) =>
        {
            var home = HomeOf(context);
            var requested = context.ParseResult.GetValue(port);
            if (requested is < 1 or > 65535)
            {
                throw new UsageException($"--port {requested} is not a port number (1-65535).");
            }

            var connection = await EnsureRunningAsync(context, home, requested, cancellation);
            WriteState(context, new LocalStateJson(true, connection.Endpoint.ToString().TrimEnd('/'), connection.ProcessId, LocalRegionConstants.Region, LocalRegionConstants.Account, home.Root));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Stop(CommandServices services)
    {
        var command = new Command("stop", "Stop the local region: its tasks get SIGTERM (SIGKILL after their stop timeout), then the engine exits. Services come back at the next start.");
        services.SetAction(command, async (context, cancellation) =>
        {
            var home = HomeOf(context);
            var stopped = await LocalRegion.StopAsync(home, TimeSpan.FromSeconds(150), cancellation);
            if (context.Json)
            {
                context.WriteJson(new LocalStopJson(stopped), LocalJson.Default.LocalStopJson);
            }
            else
            {
                context.Host.Out.MarkupLine(stopped ? "The local region is [green]stopped[/]." : "The local region was not running.");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status(CommandServices services)
    {
        var command = new Command("status", "Show whether the local region runs, where it listens, and its FARGO_HOME.");
        services.SetAction(command, async (context, cancellation) =>
        {
            var home = HomeOf(context);
            var status = await LocalRegion.GetStatusAsync(home, cancellation);
            WriteState(context, new LocalStateJson(
                status.Running,
                status.Connection?.Endpoint.ToString().TrimEnd('/'),
                status.Connection?.ProcessId,
                LocalRegionConstants.Region,
                LocalRegionConstants.Account,
                home.Root));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Env(CommandServices services)
    {
        var command = new Command(
            "env",
            "Print shell exports that point the AWS CLI and SDKs at the local region: eval \"$(fargo local env)\". " +
            "They include the local secret access key, shown here because you asked for it; it is valid for this machine's local region only.");
        services.SetAction(command, async (context, cancellation) =>
        {
            var connection = await EnsureRunningAsync(context, HomeOf(context), null, cancellation);
            var variables = connection.EnvironmentVariables();
            if (context.Json)
            {
                context.WriteJson(variables.ToDictionary(v => v.Key, v => v.Value), LocalJson.Default.DictionaryStringString);
                return ExitCodes.Success;
            }

            var writer = context.Host.OutWriter;
            // A session token left from other credentials would make every signature invalid.
            writer.Write("unset AWS_SESSION_TOKEN\n");
            foreach (var (name, value) in variables)
            {
                writer.Write($"export {name}='{value.Replace("'", "'\\''", StringComparison.Ordinal)}'\n");
            }

            writer.Flush();
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import(CommandServices services)
    {
        var directory = new Argument<string>("dir") { Description = "The folder to import: the image's content, as the task will see it." };
        var reference = new Argument<string>("repo:tag") { Description = "The repository and tag, e.g. todo-api:r254 (tag default: latest). The repository is created when missing." };
        var command = new Command(
            "import",
            "Import a folder into the local region's ECR as an image, and print its URI with the digest " +
            $"({LocalRegionConstants.RegistryHost}/REPO@sha256:…).")
        {
            directory,
            reference,
        };
        services.SetAction(command, async (context, cancellation) =>
        {
            var folder = Path.GetFullPath(context.ParseResult.GetValue(directory)!, context.Host.WorkingDirectory);
            if (!Directory.Exists(folder))
            {
                throw new UsageException($"{folder} is not a folder.", "Give the folder to import, e.g. the output of dotnet publish.");
            }

            var (repository, tag) = ParseReference(context.ParseResult.GetValue(reference)!);
            var connection = await EnsureRunningAsync(context, HomeOf(context), null, cancellation);
            ImportImageResult result;
            try
            {
                result = await LocalImageImporter.ImportAsync(connection, folder, repository, tag, cancellation);
            }
            catch (ArtifactException e)
            {
                throw new UsageException($"{folder} can't be imported: {e.Message}");
            }

            if (context.Json)
            {
                context.WriteJson(result, LocalJson.Default.ImportImageResult);
                return ExitCodes.Success;
            }

            context.Host.OutWriter.Write(result.ImageUri + "\n");
            context.Host.OutWriter.Flush();
            context.Host.Error.MarkupLine(
                $"Imported [bold]{Markup.Escape(result.TaggedImageUri)}[/] ({result.ImageSizeInBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command OidcToken(CommandServices services)
    {
        var subject = new Option<string>("--sub")
        {
            Description = $"The token's subject, e.g. {GitHubOidc.EnvironmentSubject("OWNER/NAME", "ENV")} (what GitHub gives a job of that environment).",
            HelpName = "subject",
            Required = true,
        };
        var audience = new Option<string>("--aud")
        {
            Description = $"The token's audience (default {GitHubOidc.StsAudience}, what the AWS credentials action asks GitHub for).",
            HelpName = "audience",
            DefaultValueFactory = _ => GitHubOidc.StsAudience,
        };
        var issuer = new Option<string>("--issuer")
        {
            Description = $"The token's issuer (default {GitHubOidc.Issuer}): an OIDC provider of the local account with this URL accepts it.",
            HelpName = "url",
            DefaultValueFactory = _ => GitHubOidc.Issuer,
        };
        var command = new Command(
            "oidc-token",
            "Print an OpenID Connect ID token signed by the local region's issuer, standing in for GitHub Actions' token: " +
            "sts assume-role-with-web-identity against the local region accepts it for the roles that trust the issuer's " +
            $"provider and this subject. Valid for {(int)OidcTokenLifetime.TotalMinutes} minutes.")
        {
            subject,
            audience,
            issuer,
        };
        services.SetAction(command, context =>
        {
            var issuerUrl = context.ParseResult.GetValue(issuer)!;
            if (!Uri.TryCreate(issuerUrl, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps)
            {
                throw new UsageException($"--issuer {issuerUrl} is not an https URL.", $"IAM's OIDC providers are https URLs, e.g. {GitHubOidc.Issuer}.");
            }

            // The key lives in FARGO_HOME, where the engine reads it when it starts: no engine needs to run to sign.
            using var signer = LocalOidcIssuer.LoadOrCreate(HomeOf(context));
            var token = signer.Issue(issuerUrl, context.ParseResult.GetValue(subject)!, context.ParseResult.GetValue(audience)!, TimeProvider.System.GetUtcNow(), OidcTokenLifetime);
            context.Host.OutWriter.Write(token + "\n");
            context.Host.OutWriter.Flush();
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The engine itself: runs in the foreground until SIGTERM. `local start` runs this in the background.</summary>
    private static Command Serve(CommandServices services)
    {
        var command = new Command("serve", "Run the local region's engine in the foreground (what `fargo local start` runs in the background).")
        {
            Hidden = true,
        };
        services.SetAction(command, async (context, cancellation) =>
        {
            EngineOptions options;
            try
            {
                options = EngineOptions.FromEnvironment();
            }
            catch (ArgumentException e)
            {
                throw new UsageException(e.Message);
            }

            return await LocalEngine.RunAsync(HomeOf(context), options, cancellation);
        });
        return command;
    }

    private static FargoHome HomeOf(CommandContext context) => FargoHome.FromEnvironment(context.Host.GetEnvironmentVariable);

    private static async Task<LocalRegionConnection> EnsureRunningAsync(CommandContext context, FargoHome home, int? port, CancellationToken cancellation)
    {
        try
        {
            return await LocalRegion.EnsureRunningAsync(
                home,
                new LocalRegionStartOptions { Command = EngineLaunchCommand.ForCurrentProcess("local", "serve"), Port = port },
                cancellation);
        }
        catch (LocalRegionException e)
        {
            throw new OperationFailedException(e.Message, e.Hint);
        }
    }

    private static (string Repository, string Tag) ParseReference(string text)
    {
        var colon = text.LastIndexOf(':');
        var (repository, tag) = colon > 0 && colon > text.LastIndexOf('/') ? (text[..colon], text[(colon + 1)..]) : (text, "latest");
        if (repository.StartsWith(LocalRegionConstants.RegistryHost + "/", StringComparison.OrdinalIgnoreCase))
        {
            repository = repository[(LocalRegionConstants.RegistryHost.Length + 1)..];
        }

        if (repository.Length == 0 || tag.Length == 0)
        {
            throw new UsageException($"\"{text}\" is not REPOSITORY:TAG.", "For example: fargo local import ./out todo-api:r254");
        }

        return (repository, tag);
    }

    private static void WriteState(CommandContext context, LocalStateJson state)
    {
        if (context.Json)
        {
            context.WriteJson(state, LocalJson.Default.LocalStateJson);
            return;
        }

        var console = context.Host.Out;
        if (state.Running)
        {
            console.MarkupLine($"The local region is [green]running[/] at {Markup.Escape(state.Endpoint!)} (pid {state.Pid}), region {state.Region}, account {state.Account}.");
        }
        else
        {
            console.MarkupLine("The local region is [yellow]not running[/]; `fargo local start` starts it.");
        }

        console.MarkupLine($"FARGO_HOME: {Markup.Escape(state.Home)}");
    }
}

internal sealed record LocalStateJson(bool Running, string? Endpoint, int? Pid, string Region, string Account, string Home);

internal sealed record LocalStopJson(bool Stopped);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NewLine = "\n")]
[JsonSerializable(typeof(LocalStateJson))]
[JsonSerializable(typeof(LocalStopJson))]
[JsonSerializable(typeof(ImportImageResult))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class LocalJson : JsonSerializerContext;

using System.CommandLine;
using Fargo.Aws.Ecs;
using Fargo.Cli.Configuration;
using Fargo.Config;
using Fargo.Deploy.Rendering;
using Spectre.Console;

namespace Fargo.Cli.Commands;

/// <summary>`fargo render taskdef [--env E] [--image URI]`: the RegisterTaskDefinition body a deploy would send.</summary>
internal static class RenderTaskdefCommand
{
    public static Command Create(CommandServices services)
    {
        var image = new Option<string?>("--image", "-i")
        {
            Description = "The image URI to put in the task definition. Default: the environment's repository at tag " +
                "latest (ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME:latest; localhost/NAME:latest on the local region).",
            HelpName = "uri",
        };
        var command = new Command(
            "taskdef",
            "Print the exact JSON body of the ECS RegisterTaskDefinition request a deploy would send for an environment " +
            "(--env, default local), or for a flat deploy file. Secrets appear as ARNs; parameters under the secrets path " +
            "are listed at deploy time, so only the explicit [secrets] show here.")
        {
            image,
        };
        services.SetAction(command, context => Run(context, context.ParseResult.GetValue(image)));
        return command;
    }

    private static int Run(CommandContext context, string? image)
    {
        image = string.IsNullOrWhiteSpace(image) ? null : image.Trim();
        RegisterTaskDefinitionRequest request;
        string shownImage;
        switch (context.LoadConfig())
        {
            case ServiceConfig service:
                var settings = Environments.Select(service, context.Settings.Env, context.Settings.Service);
                shownImage = image ?? DefaultImages.For(settings);
                request = TaskDefinitionRenderer.Render(settings, shownImage);
                break;
            case FlatConfig flat:
                Environments.RejectFor(flat, context.Settings.Env);
                shownImage = image ?? DefaultImages.For(flat.Settings);
                request = TaskDefinitionRenderer.Render(flat.Settings, shownImage);
                break;
            case var other:
                throw new InvalidOperationException($"Unknown configuration kind {other.GetType().Name}.");
        }

        var writer = context.Host.OutWriter;
        writer.Write(TaskDefinitionJson.Serialize(request));
        writer.Write('\n');
        writer.Flush();

        // Said on stderr, so stdout stays exactly the request body.
        if (image is null && !context.Json)
        {
            context.Host.Error.MarkupLine($"[grey]note: no --image given; showing {Markup.Escape(shownImage)}.[/]");
        }

        return ExitCodes.Success;
    }
}

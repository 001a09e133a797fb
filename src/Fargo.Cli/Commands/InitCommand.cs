using System.CommandLine;
using Fargo.Cli.Configuration;
using Fargo.Cli.Errors;
using Fargo.Cli.Init;
using Fargo.Cli.Rendering;
using Spectre.Console;

namespace Fargo.Cli.Commands;

/// <summary>`fargo init`: writes a commented fargo.toml for the project in the current folder.</summary>
internal sealed class InitCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var force = new Option<bool>("--force", "-f")
        {
            Description = "Overwrite an existing fargo.toml.",
        };
        var command = new Command(
            "init",
            "Write a commented fargo.toml for the project in the current folder. Finds the ASP.NET Core project " +
            "(Sdk=\"Microsoft.NET.Sdk.Web\"), what it builds to, its port and health endpoint, and a Dockerfile. " +
            "Never overwrites an existing file unless --force is given. With --config FILE, writes FILE instead.")
        {
            force,
        };
        services.SetAction(command, context => Run(context, context.ParseResult.GetValue(force)));
        return command;
    }

    private static int Run(CommandContext context, bool force)
    {
        var path = Path.GetFullPath(context.Settings.ConfigPath ?? ConfigFiles.DefaultName, context.Host.WorkingDirectory);
        var exists = File.Exists(path);
        if (exists && !force)
        {
            throw new OperationFailedException($"{path} already exists; it was left as it is.", "Pass --force to replace it.");
        }

        var folder = Path.GetDirectoryName(path)!;
        var project = ProjectDetector.Detect(folder);
        var text = FargoTomlTemplate.Render(project);
        using (var stream = new FileStream(path, force ? FileMode.Create : FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        if (context.Json)
        {
            context.WriteJson(
                new InitJson(path, project.Name, project.Port, project.WebProject?.ProjectFile, project.Dockerfile, exists),
                CliJsonContext.Default.InitJson);
            return ExitCodes.Success;
        }

        var console = context.Host.Out;
        var display = ProblemsText.DisplayPath(path, context.Host.WorkingDirectory);
        console.MarkupLine($"[green]{(exists ? "Replaced" : "Wrote")}[/] {Markup.Escape(display)} for [bold]{Markup.Escape(project.Name)}[/].");
        new TextColumns("grey", null)
            .Add("project", project.WebProject is { } web ? $"{web.ProjectFile} ({web.AssemblyName}.dll)" : "no ASP.NET Core project found: fill in [local]")
            .Add("port", $"{project.Port} ({project.PortSource})")
            .Add("Dockerfile", project.Dockerfile ?? "none found")
            .Add("health", project.HealthPath ?? $"{FargoTomlTemplate.DefaultHealthPath} (not found in the code: check it)")
            .Write(console);
        if (project.OtherWebProjects.Count > 0)
        {
            console.MarkupLine($"[yellow]Also found[/] {Markup.Escape(string.Join(", ", project.OtherWebProjects))}: one fargo.toml describes one service.");
        }

        console.MarkupLine("Next: [bold]fargo validate[/], then [bold]fargo render taskdef[/] to see what a deploy would register.");
        return ExitCodes.Success;
    }
}

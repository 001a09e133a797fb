using Fargo.Config;
using Spectre.Console;

namespace Fargo.Cli.Rendering;

/// <summary>`fargo validate`'s report for people: the file, then "ok" and where each environment lives.</summary>
internal static class ValidationText
{
    public static void Write(CliHost host, string path, LoadedConfig config, IReadOnlyList<EnvironmentCheckJson> environments)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(environments);
        var console = host.Out;
        var display = Markup.Escape(ProblemsText.DisplayPath(path, host.WorkingDirectory));
        if (config is FlatConfig flat)
        {
            var s = flat.Settings;
            console.MarkupLine(
                $"[green]ok[/] {display}: flat deploy file for service [bold]{Markup.Escape(s.Service)}[/] in cluster " +
                $"{Markup.Escape(s.Cluster)} ({Markup.Escape(s.Account)}, {Markup.Escape(s.Region)})");
            return;
        }

        console.MarkupLine($"{display}: [green]valid[/] for {environments.Count} environment{(environments.Count == 1 ? "" : "s")}");
        var rows = new TextColumns("green", "bold", null);
        foreach (var environment in environments)
        {
            var where = environment.Local ? "the local region" : $"account {environment.Account}, {environment.Region}";
            rows.Add("ok", environment.Name, environment.RequiresApproval ? where + ", requires approval" : where);
        }

        rows.Write(console);
    }
}

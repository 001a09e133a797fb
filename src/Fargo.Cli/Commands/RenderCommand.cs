using System.CommandLine;

namespace Fargo.Cli.Commands;

/// <summary>`fargo render`: shows what Fargo derives from the configuration, without touching anything.</summary>
internal sealed class RenderCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new Command(
            "render",
            "Show what Fargo makes of the configuration, offline: no credentials needed, nothing changed.")
        {
            RenderConfigCommand.Create(services),
            RenderTaskdefCommand.Create(services),
        };
    }
}

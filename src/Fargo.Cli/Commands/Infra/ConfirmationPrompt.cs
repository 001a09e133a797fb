using Spectre.Console;

namespace Fargo.Cli.Commands.Infra;

/// <summary>Asks the person at the terminal a question before something that cannot be taken back.</summary>
internal interface IConfirmationPrompt
{
    /// <summary>Whether someone can answer: standard input is a terminal (not a pipe, a file or CI's closed input).</summary>
    bool CanAsk { get; }

    /// <summary>Shows <paramref name="question"/> on stderr and returns the line typed, or null at the end of input.</summary>
    Task<string?> AskAsync(CliHost host, string question, CancellationToken cancellationToken);
}

/// <summary>The process's own terminal: the question on stderr, the answer from stdin.</summary>
internal sealed class ConsolePrompt : IConfirmationPrompt
{
    public bool CanAsk => !Console.IsInputRedirected;

    public async Task<string?> AskAsync(CliHost host, string question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Error.Markup($"{Markup.Escape(question)} ");
        return await Console.In.ReadLineAsync(cancellationToken);
    }
}

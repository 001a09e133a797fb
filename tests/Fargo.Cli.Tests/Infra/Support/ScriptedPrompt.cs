using Fargo.Cli.Commands.Infra;

namespace Fargo.Cli.Tests.Infra.Support;

/// <summary>A person at a terminal (or none) who answers with the given lines, and the questions asked.</summary>
internal sealed class ScriptedPrompt(bool canAsk, params string[] answers) : IConfirmationPrompt
{
    private readonly Queue<string> _answers = new(answers);

    public List<string> Questions { get; } = [];

    public bool CanAsk { get; } = canAsk;

    public Task<string?> AskAsync(CliHost host, string question, CancellationToken cancellationToken)
    {
        Questions.Add(question);
        return Task.FromResult(_answers.TryDequeue(out var answer) ? answer : null);
    }
}

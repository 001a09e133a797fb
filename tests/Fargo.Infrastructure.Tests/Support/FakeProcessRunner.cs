using Fargo.Infrastructure.Toolkit;

namespace Fargo.Infrastructure.Tests;

/// <summary>Records the programs it is asked to run and answers with <see cref="Respond"/>.</summary>
internal sealed class FakeProcessRunner : IProcessRunner
{
    public List<ProcessSpec> Started { get; } = [];

    public Func<ProcessSpec, Action<OutputLine>, int> Respond { get; init; } = (_, _) => 0;

    public Task<int> RunAsync(ProcessSpec spec, Action<OutputLine> output, CancellationToken cancellationToken)
    {
        Started.Add(spec);
        return Task.FromResult(Respond(spec, output));
    }
}

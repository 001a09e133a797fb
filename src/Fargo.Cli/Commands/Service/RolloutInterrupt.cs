using Fargo.Deploy.Deploying;

namespace Fargo.Cli.Commands.Service;

/// <summary>
/// Ctrl-C during a rollout. The command's token is cancelled by System.CommandLine, which then gives the command a few
/// seconds before it exits anyway; asking the user what to do takes longer than that. So the callback that sees the
/// cancellation stops the watch and, once a rollout is under way and a person can answer, holds the signal handler until
/// the command has asked and acted (<see cref="Handled"/>): only then does System.CommandLine's grace period begin, and
/// the command is done well within it. A second Ctrl-C still ends the process at once, through System.CommandLine.
/// </summary>
internal sealed class RolloutInterrupt : IDisposable
{
    private static readonly TimeSpan LongestHold = TimeSpan.FromMinutes(5);

    private readonly CancellationTokenSource _watch = new();
    private readonly ManualResetEventSlim _handled = new(false);
    private readonly bool _holdSignal;
    private readonly CancellationTokenRegistration _registration;
    private volatile RolloutStarted? _started;
    private volatile bool _interrupted;

    public RolloutInterrupt(bool holdSignal, CancellationToken command)
    {
        _holdSignal = holdSignal;
        _registration = command.Register(OnCancelled);
    }

    /// <summary>The token the rollout runs with: cancelled by Ctrl-C.</summary>
    public CancellationToken Token => _watch.Token;

    public bool Interrupted => _interrupted;

    /// <summary>The rollout in progress when Ctrl-C came, if UpdateService had already been accepted.</summary>
    public RolloutStarted? Started => _started;

    /// <summary>Passes progress on, noting when a rollout has started (from then on Ctrl-C has something to decide).</summary>
    public IProgress<DeployProgress> Observe(IProgress<DeployProgress> inner) => new Tee(this, inner);

    /// <summary>The interruption has been dealt with: the signal handler may let System.CommandLine finish.</summary>
    public void Handled() => _handled.Set();

    public void Dispose()
    {
        _handled.Set();
        _registration.Dispose();
        _watch.Dispose();
        _handled.Dispose();
    }

    private void OnCancelled()
    {
        _interrupted = true;
        // Never run the command's own continuations on the signal handler's thread.
        _ = Task.Run(_watch.Cancel);
        if (_holdSignal && _started is not null)
        {
            _handled.Wait(LongestHold);
        }
    }

    private sealed class Tee(RolloutInterrupt owner, IProgress<DeployProgress> inner) : IProgress<DeployProgress>
    {
        public void Report(DeployProgress value)
        {
            if (value is RolloutStarted started)
            {
                owner._started = started;
            }

            inner.Report(value);
        }
    }
}

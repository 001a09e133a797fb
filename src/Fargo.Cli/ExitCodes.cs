namespace Fargo.Cli;

/// <summary>The process exit codes of `fargo`; scripts and CI depend on them, so they never change meaning.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The operation was attempted and failed (a failed deploy, a refused overwrite, an AWS error).</summary>
    public const int Failure = 1;

    /// <summary>The command line or the configuration is wrong; nothing was attempted.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted by Ctrl-C (128 + SIGINT), the shell convention.</summary>
    public const int Interrupted = 130;
}

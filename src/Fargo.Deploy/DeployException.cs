namespace Fargo.Deploy;

/// <summary>
/// An operation was attempted and could not be done, for a reason the user can act on (a service that does not
/// exist, an image that was never pushed, credentials for the wrong account). The CLI reports the message and the
/// hint and exits 1. Bugs are never reported through this type.
/// </summary>
public class DeployException : Exception
{
    public DeployException(string message, string? hint = null)
        : base(message)
    {
        Hint = hint;
    }

    public DeployException(string message, string? hint, Exception innerException)
        : base(message, innerException)
    {
        Hint = hint;
    }

    public DeployException()
    {
    }

    public DeployException(string message)
        : base(message)
    {
    }

    public DeployException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What to do about it, when there is something obvious to do.</summary>
    public string? Hint { get; }
}

/// <summary>
/// The request cannot be carried out as given (an option that does not apply to this environment, a configuration
/// that lacks what the command needs). Nothing was changed. The CLI exits 2.
/// </summary>
public sealed class DeployUsageException : DeployException
{
    public DeployUsageException(string message, string? hint = null)
        : base(message, hint)
    {
    }

    public DeployUsageException()
    {
    }

    public DeployUsageException(string message)
        : base(message)
    {
    }

    public DeployUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The credentials belong to another AWS account than the environment names: nothing is done there.</summary>
public sealed class WrongAccountException : DeployException
{
    public WrongAccountException(string environment, string expectedAccount, string actualAccount, string? callerArn)
        : base(
            $"The AWS credentials in use belong to account {actualAccount}{(callerArn is null ? "" : $" ({callerArn})")}, " +
            $"but environment '{environment}' is account {expectedAccount}. Nothing was changed.",
            $"Use credentials for account {expectedAccount}: pass --profile NAME or set AWS_PROFILE to a profile of that account.")
    {
        Environment = environment;
        ExpectedAccount = expectedAccount;
        ActualAccount = actualAccount;
    }

    public WrongAccountException()
    {
        Environment = ExpectedAccount = ActualAccount = "";
    }

    public WrongAccountException(string message)
        : base(message)
    {
        Environment = ExpectedAccount = ActualAccount = "";
    }

    public WrongAccountException(string message, Exception innerException)
        : base(message, innerException)
    {
        Environment = ExpectedAccount = ActualAccount = "";
    }

    public string Environment { get; }

    public string ExpectedAccount { get; }

    public string ActualAccount { get; }
}

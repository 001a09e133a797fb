namespace Fargo.Infrastructure;

/// <summary>
/// A problem the user can fix: a configuration the stacks cannot be built from, a missing Node.js, a toolkit
/// that could not be installed or that failed. The message says what happened and what to do.
/// </summary>
public class InfrastructureException : Exception
{
    public InfrastructureException()
    {
    }

    public InfrastructureException(string message)
        : base(message)
    {
    }

    public InfrastructureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The effective configuration of an environment cannot be turned into stacks.</summary>
public class InfrastructureConfigurationException : InfrastructureException
{
    public InfrastructureConfigurationException()
    {
    }

    public InfrastructureConfigurationException(string message)
        : base(message)
    {
    }

    public InfrastructureConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

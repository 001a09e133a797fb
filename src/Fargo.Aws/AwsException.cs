namespace Fargo.Aws;

/// <summary>Base of every error Fargo.Aws raises about talking to AWS (or the local region).</summary>
public abstract class AwsException : Exception
{
    protected AwsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

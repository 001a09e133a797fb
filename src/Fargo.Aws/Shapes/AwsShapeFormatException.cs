namespace Fargo.Aws.Shapes;

/// <summary>
/// A Query parameter set or an XML document does not fit the shape it should carry: a number that is not
/// one, a list index that skips. Server side this is the caller's malformed request; client side, a malformed answer.
/// </summary>
public sealed class AwsShapeFormatException : AwsException
{
    public AwsShapeFormatException(string memberPath, string message, Exception? innerException = null)
        : base($"{memberPath}: {message}", innerException)
    {
        MemberPath = memberPath;
    }

    /// <summary>Where in the shape the problem is, e.g. "Targets.member.2.Port".</summary>
    public string MemberPath { get; }
}

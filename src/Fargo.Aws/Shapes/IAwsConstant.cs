namespace Fargo.Aws.Shapes;

/// <summary>
/// An AWS enum: a string on the wire whose known values come from the service model.
/// Modelled as a string-backed value rather than a C# enum because AWS adds values over time,
/// and a response carrying a value newer than this build must still parse.
/// </summary>
public interface IAwsConstant<TSelf>
    where TSelf : class, IAwsConstant<TSelf>
{
    /// <summary>The value exactly as it appears on the wire.</summary>
    string Value { get; }

    /// <summary>The values the service model declares, in the model's order.</summary>
    static abstract IReadOnlyList<TSelf> KnownValues { get; }

    static abstract TSelf FromWire(string value);
}

using System.Xml.Linq;
using System.Text.Json.Serialization.Metadata;
using Fargo.Aws;
using Fargo.Aws.Protocols;
using Fargo.Aws.Shapes;

namespace Fargo.Local.Api;

/// <summary>
/// The actions of one Query service (STS here; ELBv2 joins in the local region's part 2). Each action
/// reads its parameters and returns its typed result, written as AWS's XML.
/// </summary>
internal sealed class QueryOperationTable
{
    private readonly Dictionary<string, Func<AwsQueryParameters, string?, IEnumerable<XElement?>>> _actions = new(StringComparer.Ordinal);

    public QueryOperationTable(AwsServiceDescription service) => Service = service;

    public AwsServiceDescription Service { get; }

    public IEnumerable<string> Operations => _actions.Keys;

    public QueryOperationTable Add<TResult>(string action, JsonTypeInfo<TResult> resultType, Func<AwsQueryParameters, TResult> handler) =>
        AddForCaller(action, resultType, (parameters, _) => handler(parameters));

    /// <summary>An action whose answer depends on who signed it: the handler gets the caller's access key id.</summary>
    public QueryOperationTable AddForCaller<TResult>(string action, JsonTypeInfo<TResult> resultType, Func<AwsQueryParameters, string?, TResult> handler)
    {
        _actions[action] = (parameters, caller) => AwsXmlShapeSerializer.Write(handler(parameters, caller), resultType, action + "Result").Elements();
        return this;
    }

    public AwsWireResponse Handle(AwsQueryServerRequest request, string requestId, string? callerAccessKeyId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var knownVersion = request.Version is null || request.Version == Service.ApiVersion;
        if (!_actions.TryGetValue(request.Action, out var action) || !knownVersion)
        {
            return AwsQueryServerProtocol.Error(
                Service,
                knownVersion && AwsOperationCatalog.Embedded.Has(Service, request.Action)
                    ? AwsOperationCatalog.NotImplemented(Service, request.Action)
                    : AwsQueryServerProtocol.InvalidAction(request.Action, request.Version),
                requestId);
        }

        try
        {
            return AwsQueryServerProtocol.Success(Service, request.Action, action(request.Parameters, callerAccessKeyId), requestId);
        }
        catch (LocalServiceException e)
        {
            return AwsQueryServerProtocol.Error(Service, new AwsServerError(e.Code, e.Message, e.HttpStatus, e.HttpStatus >= 500 ? AwsErrorFault.Receiver : AwsErrorFault.Sender), requestId);
        }
        catch (FormatException e)
        {
            return AwsQueryServerProtocol.Error(Service, AwsQueryServerProtocol.ValidationError(e.Message), requestId);
        }
    }
}

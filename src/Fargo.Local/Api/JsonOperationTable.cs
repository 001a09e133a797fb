using System.Text.Json.Serialization.Metadata;
using Fargo.Aws;
using Fargo.Aws.Protocols;

namespace Fargo.Local.Api;

/// <summary>
/// The operations of one JSON 1.1 service: each reads its typed request (with Fargo.Aws's shapes), runs,
/// and writes its typed response. An operation of AWS's model that isn't here is refused by name as not implemented;
/// a name AWS doesn't have answers AWS's unknown-operation error.
/// </summary>
internal sealed class JsonOperationTable
{
    private readonly Dictionary<string, Func<AwsJsonServerRequest, string, AwsWireResponse>> _operations = new(StringComparer.Ordinal);

    public JsonOperationTable(AwsServiceDescription service) => Service = service;

    public AwsServiceDescription Service { get; }

    public IEnumerable<string> Operations => _operations.Keys;

    public JsonOperationTable Add<TRequest, TResponse>(
        string operation,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<TRequest, TResponse> handler)
        where TRequest : class
    {
        _operations[operation] = (request, requestId) =>
        {
            var parsed = request.ReadBody(requestType);
            if (!parsed.IsSuccess)
            {
                return AwsJsonServerProtocol.Error(parsed.Error!, requestId);
            }

            return AwsJsonServerProtocol.Success(handler(parsed.Request!), responseType, requestId);
        };
        return this;
    }

    public AwsWireResponse Handle(AwsJsonServerRequest request, string requestId)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_operations.TryGetValue(request.Operation, out var operation))
        {
            return AwsJsonServerProtocol.Error(
                AwsOperationCatalog.Embedded.Has(Service, request.Operation)
                    ? AwsOperationCatalog.NotImplemented(Service, request.Operation)
                    : AwsJsonServerProtocol.UnknownOperation(Service.JsonTarget(request.Operation)),
                requestId);
        }

        try
        {
            return operation(request, requestId);
        }
        catch (LocalServiceException e)
        {
            return AwsJsonServerProtocol.Error(new AwsServerError(e.Code, e.Message, e.HttpStatus, e.HttpStatus >= 500 ? AwsErrorFault.Receiver : AwsErrorFault.Sender), requestId);
        }
    }
}

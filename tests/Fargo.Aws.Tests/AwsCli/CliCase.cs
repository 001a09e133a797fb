using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.Http;

namespace Fargo.Aws.Tests.AwsCli;

/// <summary>
/// One representative call of one operation, made twice against a capture server: by the AWS CLI and by Fargo.Aws,
/// with the same input and the same canned AWS answer.
/// </summary>
public abstract class CliCase
{
    protected CliCase(AwsServiceDescription service, string cliService, string operation, CannedResponse response, IReadOnlyList<string>? cliArguments)
    {
        Service = service;
        CliService = cliService;
        Operation = operation;
        Response = response;
        ExplicitCliArguments = cliArguments;
    }

    public AwsServiceDescription Service { get; }

    /// <summary>The CLI's name of the service: ecs, elbv2, ecr, ssm, logs, cloudformation, sts.</summary>
    public string CliService { get; }

    public string Operation { get; }

    public CannedResponse Response { get; }

    /// <summary>Options given to the CLI instead of <c>--cli-input-json</c>, to exercise its own argument parsing.</summary>
    public IReadOnlyList<string>? ExplicitCliArguments { get; }

    public string Name => $"{CliService} {Operation}";

    /// <summary>The full CLI command line after <c>aws</c> (endpoint and output options are the runner's).</summary>
    public IReadOnlyList<string> CliArguments()
    {
        List<string> arguments = [CliService, KebabCase(Operation)];
        arguments.AddRange(ExplicitCliArguments ?? ["--cli-input-json", CliInputJson()]);
        return arguments;
    }

    /// <summary>The request as the CLI's --cli-input-json takes it: the model's member names, as the record serializes.</summary>
    protected abstract string CliInputJson();

    /// <summary>Calls the operation through Fargo.Aws and gives the parsed response back as JSON with the model's names.</summary>
    public abstract Task<JsonNode?> RunFargoAsync(AwsHttpClient http, CancellationToken cancellationToken);

    public override string ToString() => Name;

    private static string KebabCase(string operation)
    {
        var builder = new StringBuilder();
        foreach (var c in operation)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('-');
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}

public sealed class CliCase<TRequest, TResponse> : CliCase
{
    private readonly TRequest _request;
    private readonly JsonTypeInfo<TRequest> _requestType;
    private readonly JsonTypeInfo<TResponse> _responseType;
    private readonly Func<AwsHttpClient, TRequest, CancellationToken, Task<TResponse>> _call;

    public CliCase(
        AwsServiceDescription service,
        string cliService,
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<AwsHttpClient, TRequest, CancellationToken, Task<TResponse>> call,
        CannedResponse response,
        IReadOnlyList<string>? cliArguments = null)
        : base(service, cliService, operation, response, cliArguments)
    {
        _request = request;
        _requestType = requestType;
        _responseType = responseType;
        _call = call;
    }

    protected override string CliInputJson() => JsonSerializer.Serialize(_request, _requestType);

    public override async Task<JsonNode?> RunFargoAsync(AwsHttpClient http, CancellationToken cancellationToken)
    {
        var response = await _call(http, _request, cancellationToken);
        return JsonSerializer.SerializeToNode(response, _responseType);
    }
}

/// <summary>Canned answers in the shapes AWS sends.</summary>
public static class Canned
{
    public static CannedResponse Json(string body) => new(200, "application/x-amz-json-1.1", body);

    /// <summary>An awsQuery answer: the result's members wrapped as AWS wraps them, with ResponseMetadata.</summary>
    public static CannedResponse Query(AwsServiceDescription service, string action, string resultMembers) =>
        new(200, "text/xml", $"""
            <{action}Response xmlns="{service.XmlNamespace}">
              <{action}Result>
            {resultMembers}
              </{action}Result>
              <ResponseMetadata>
                <RequestId>4f1b7d0e-0000-4000-8000-000000000001</RequestId>
              </ResponseMetadata>
            </{action}Response>
            """);
}

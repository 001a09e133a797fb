using System.Net;
using Fargo.Aws;
using Fargo.Aws.Credentials;
using Fargo.Aws.Endpoints;
using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Signing;
using Fargo.Local.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Fargo.Local.Tests.LoadBalancing;

/// <summary>
/// An endpoint that serves one operation table the way the engine does — SigV4 verified for the table's service,
/// then the table's answer — without the rest of the engine, so Fargo.Aws's clients and the official AWS CLI can
/// be pointed at the load balancer's and the database's operations alone.
/// </summary>
public sealed class SignedApiServer : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDLOCALTEST0000001";
    public const string SecretAccessKey = "local-test-secret-key-0000000000000000000";

    private readonly WebApplication _app;

    private SignedApiServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    internal static Task<SignedApiServer> StartAsync(QueryOperationTable table) =>
        StartAsync(table.Service, (wire, requestId) =>
        {
            var parsed = AwsQueryServerProtocol.ParseRequest(wire);
            return parsed.IsSuccess ? table.Handle(parsed.Request!, requestId) : AwsQueryServerProtocol.Error(table.Service, parsed.Error!, requestId);
        }, error => AwsQueryServerProtocol.Error(table.Service, error, "denied"));

    internal static Task<SignedApiServer> StartAsync(JsonOperationTable table) =>
        StartAsync(table.Service, (wire, requestId) =>
        {
            var parsed = AwsJsonServerProtocol.ParseRequest(wire, [table.Service]);
            return parsed.IsSuccess ? table.Handle(parsed.Request!, requestId) : AwsJsonServerProtocol.Error(parsed.Error!, requestId);
        }, error => AwsJsonServerProtocol.Error(error, "denied"));

    public AwsHttpClient Client() => new(new AwsClientOptions
    {
        Region = LocalRegionConstants.Region,
        Credentials = new StaticAwsCredentialsProvider(new AwsCredentials(AccessKeyId, SecretAccessKey)),
        Endpoints = AwsEndpointResolver.Fixed(Endpoint),
        Retry = new AwsRetryOptions { MaxAttempts = 1 },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<SignedApiServer> StartAsync(AwsServiceDescription service, Func<AwsWireRequest, string, AwsWireResponse> handle, Func<AwsServerError, AwsWireResponse> deny)
    {
        var verifier = new SigV4Verifier(id => id == AccessKeyId ? new AwsCredentials(AccessKeyId, SecretAccessKey) : null, TimeProvider.System);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();
            var wire = new AwsWireRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value?.TrimStart('?') ?? "", headers, body.ToArray());
            var verdict = verifier.Verify(wire, LocalRegionConstants.Region, service.SigningName);
            var response = verdict.IsValid
                ? await Task.Run(() => handle(wire, AwsServerProtocol.NewRequestId()))
                : deny(verdict.Failure!.ToError(service.Protocol));
            context.Response.StatusCode = response.StatusCode;
            foreach (var (name, value) in response.Headers)
            {
                context.Response.Headers.Append(name, value);
            }

            await context.Response.Body.WriteAsync(response.Body);
        });
        await app.StartAsync();
        return new SignedApiServer(app, new Uri(app.Urls.First()));
    }
}

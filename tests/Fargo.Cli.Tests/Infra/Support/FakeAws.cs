using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using System.Xml.Linq;
using Fargo.Aws.Credentials;
using Fargo.Aws.Endpoints;
using Fargo.Aws.Http;

namespace Fargo.Cli.Tests.Infra.Support;

/// <summary>
/// AWS as `fargo infra` meets it, answered from memory through the clients' HTTP handler: STS, ECS and ECR (JSON
/// protocol), CloudFormation (Query protocol), Route 53 (REST-XML) and S3 (REST-XML through AWSSDK.S3). Answers are in
/// the wire formats of AWS's models; every call is recorded, in order, as "SERVICE Operation".
/// </summary>
internal sealed class FakeAws : HttpMessageHandler
{
    public const string Endpoint = "http://fake-aws.test";

    private const string CloudFormationXmlns = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    private const string S3Xmlns = "http://s3.amazonaws.com/doc/2006-03-01/";
    private const string Route53Xmlns = "https://route53.amazonaws.com/doc/2013-04-01/";

    private readonly Lock _gate = new();

    /// <summary>The account the credentials belong to (STS GetCallerIdentity).</summary>
    public string Account { get; set; } = "111111111111";

    /// <summary>The running ECS service: its cluster and name, and the image of its PRIMARY deployment's task definition. Null: no such service.</summary>
    public RunningService? Service { get; set; }

    /// <summary>Whether the cluster exists at all (ECS answers ClusterNotFoundException otherwise).</summary>
    public bool ClusterExists { get; set; } = true;

    /// <summary>CloudFormation stacks by name, with their outputs.</summary>
    public Dictionary<string, Dictionary<string, string>> Stacks { get; } = new(StringComparer.Ordinal);

    /// <summary>Route 53's hosted zones.</summary>
    public List<(string Id, string Name, bool Private)> HostedZones { get; } = [];

    /// <summary>S3 buckets: their object versions and delete markers.</summary>
    public Dictionary<string, List<(string Key, string VersionId, bool DeleteMarker)>> Buckets { get; } = new(StringComparer.Ordinal);

    /// <summary>How many versions one ListObjectVersions page holds (S3's is 1000; small here so paging is exercised).</summary>
    public int S3PageSize { get; set; } = 2;

    /// <summary>ECR repositories and the digests of their images.</summary>
    public Dictionary<string, List<string>> Repositories { get; } = new(StringComparer.Ordinal);

    /// <summary>Every call, in order: "STS GetCallerIdentity", "S3 DeleteObjects", …</summary>
    public List<string> Calls { get; } = [];

    /// <summary>The JSON bodies of the JSON-protocol calls, by call.</summary>
    public List<(string Call, JsonObject Body)> JsonRequests { get; } = [];

    /// <summary>The (key, version) pairs S3 was asked to delete, per DeleteObjects call.</summary>
    public List<List<(string Key, string VersionId)>> S3Deletes { get; } = [];

    /// <summary>Client options that send everything here, signed with a fixed test key.</summary>
    public AwsClientOptions Options(string region) => new()
    {
        Region = region,
        Credentials = new StaticAwsCredentialsProvider(new AwsCredentials("AKIDFARGOTEST", "fargo-test-secret")),
        Endpoints = AwsEndpointResolver.Fixed(new Uri(Endpoint)),
        Handler = this,
        Retry = new AwsRetryOptions { MaxAttempts = 1 },
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_gate)
        {
            return Answer(request, body);
        }
    }

    private HttpResponseMessage Answer(HttpRequestMessage request, string body)
    {
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets))
        {
            var target = targets.Single();
            var operation = target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..];
            var json = JsonNode.Parse(body)!.AsObject();
            if (target.StartsWith("AmazonEC2ContainerServiceV20141113.", StringComparison.Ordinal))
            {
                return Record("ECS", operation, json, Ecs(operation, json));
            }

            if (target.StartsWith("AmazonEC2ContainerRegistry_V20150921.", StringComparison.Ordinal))
            {
                return Record("ECR", operation, json, Ecr(operation, json));
            }

            throw new InvalidOperationException($"Unexpected JSON call {target}");
        }

        var path = request.RequestUri!.AbsolutePath;
        if (path.StartsWith("/2013-04-01/hostedzonesbyname", StringComparison.Ordinal))
        {
            Calls.Add("Route53 ListHostedZonesByName");
            return Route53(HttpUtility.ParseQueryString(request.RequestUri.Query));
        }

        if (request.Method == HttpMethod.Post && body.Contains("Action=", StringComparison.Ordinal) && path == "/")
        {
            var form = HttpUtility.ParseQueryString(body);
            var action = form["Action"]!;
            return form["Version"] switch
            {
                "2011-06-15" => Sts(action),
                "2010-05-15" => CloudFormation(action, form),
                var version => throw new InvalidOperationException($"Unexpected Query call {action} version {version}"),
            };
        }

        return S3(request, path, body);
    }

    private HttpResponseMessage Record(string service, string operation, JsonObject json, HttpResponseMessage response)
    {
        Calls.Add($"{service} {operation}");
        JsonRequests.Add(($"{service} {operation}", json));
        return response;
    }

    private HttpResponseMessage Sts(string action)
    {
        Calls.Add($"STS {action}");
        return Xml($"""
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::{Account}:user/ops</Arn><UserId>AIDAOPS</UserId><Account>{Account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>rid-sts</RequestId></ResponseMetadata></GetCallerIdentityResponse>
            """);
    }

    private HttpResponseMessage Ecs(string operation, JsonObject request)
    {
        if (!ClusterExists)
        {
            return JsonError("ClusterNotFoundException", "Cluster not found.");
        }

        switch (operation)
        {
            case "DescribeServices":
                var cluster = (string?)request["cluster"];
                var name = (string)request["services"]![0]!;
                if (Service is not { } service || service.Cluster != cluster || service.Name != name)
                {
                    return Json(new JsonObject
                    {
                        ["services"] = new JsonArray(),
                        ["failures"] = new JsonArray(new JsonObject { ["arn"] = $"arn:aws:ecs:us-east-1:{Account}:service/{cluster}/{name}", ["reason"] = "MISSING" }),
                    });
                }

                return Json(new JsonObject
                {
                    ["services"] = new JsonArray(new JsonObject
                    {
                        ["serviceName"] = service.Name,
                        ["status"] = "ACTIVE",
                        ["taskDefinition"] = service.TaskDefinition,
                        ["desiredCount"] = 2,
                        ["deployments"] = new JsonArray(
                            new JsonObject { ["id"] = "ecs-svc/2", ["status"] = "PRIMARY", ["taskDefinition"] = service.TaskDefinition, ["desiredCount"] = 2 },
                            new JsonObject { ["id"] = "ecs-svc/1", ["status"] = "ACTIVE", ["taskDefinition"] = service.TaskDefinition + "-previous", ["desiredCount"] = 0 }),
                    }),
                    ["failures"] = new JsonArray(),
                });
            case "DescribeTaskDefinition" when Service is { } running && (string?)request["taskDefinition"] == running.TaskDefinition:
                return Json(new JsonObject
                {
                    ["taskDefinition"] = new JsonObject
                    {
                        ["taskDefinitionArn"] = running.TaskDefinition,
                        ["family"] = running.Name,
                        ["containerDefinitions"] = new JsonArray(new JsonObject { ["name"] = running.Container, ["image"] = running.Image }),
                    },
                });
            default:
                throw new InvalidOperationException($"Unexpected ECS {operation}: {request.ToJsonString()}");
        }
    }

    private HttpResponseMessage Ecr(string operation, JsonObject request)
    {
        var repository = (string)request["repositoryName"]!;
        if (!Repositories.TryGetValue(repository, out var digests))
        {
            return JsonError("RepositoryNotFoundException", $"The repository with name '{repository}' does not exist");
        }

        switch (operation)
        {
            case "DescribeImages":
                return Json(new JsonObject
                {
                    ["imageDetails"] = new JsonArray([.. digests.Select(d => (JsonNode)new JsonObject { ["repositoryName"] = repository, ["imageDigest"] = d })]),
                });
            case "BatchDeleteImage":
                var ids = request["imageIds"]!.AsArray().Select(id => (string)id!["imageDigest"]!).ToList();
                digests.RemoveAll(ids.Contains);
                return Json(new JsonObject
                {
                    ["imageIds"] = new JsonArray([.. ids.Select(d => (JsonNode)new JsonObject { ["imageDigest"] = d })]),
                    ["failures"] = new JsonArray(),
                });
            default:
                throw new InvalidOperationException($"Unexpected ECR {operation}");
        }
    }

    private HttpResponseMessage CloudFormation(string action, System.Collections.Specialized.NameValueCollection form)
    {
        Calls.Add($"CloudFormation {action} {form["StackName"]}");
        if (action != "DescribeStacks")
        {
            throw new InvalidOperationException($"Unexpected CloudFormation {action}");
        }

        if (form["StackName"] is not { } name)
        {
            // Every stack: what `infra up` reads to check the environment its services share.
            var all = string.Concat(Stacks.Select(stack => StackMember(stack.Key, stack.Value)));
            return Xml($"""<DescribeStacksResponse xmlns="{CloudFormationXmlns}"><DescribeStacksResult><Stacks>{all}</Stacks></DescribeStacksResult><ResponseMetadata><RequestId>rid-cfn</RequestId></ResponseMetadata></DescribeStacksResponse>""");
        }

        if (!Stacks.TryGetValue(name, out var outputs))
        {
            return Xml(
                $"""<ErrorResponse xmlns="{CloudFormationXmlns}"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id {name} does not exist</Message></Error><RequestId>rid-cfn</RequestId></ErrorResponse>""",
                HttpStatusCode.BadRequest);
        }

        return Xml($"""
            <DescribeStacksResponse xmlns="{CloudFormationXmlns}"><DescribeStacksResult><Stacks>{StackMember(name, outputs)}</Stacks></DescribeStacksResult><ResponseMetadata><RequestId>rid-cfn</RequestId></ResponseMetadata></DescribeStacksResponse>
            """);
    }

    private string StackMember(string name, IReadOnlyDictionary<string, string> outputs)
    {
        var members = string.Concat(outputs.Select(o => $"<member><OutputKey>{o.Key}</OutputKey><OutputValue>{o.Value}</OutputValue></member>"));
        return $"<member><StackId>arn:aws:cloudformation:us-east-1:{Account}:stack/{name}/1</StackId><StackName>{name}</StackName><CreationTime>2025-01-01T00:00:00Z</CreationTime><StackStatus>UPDATE_COMPLETE</StackStatus><Outputs>{members}</Outputs></member>";
    }

    private HttpResponseMessage Route53(System.Collections.Specialized.NameValueCollection query)
    {
        var name = query["dnsname"]!.TrimEnd('.') + ".";
        var zones = HostedZones
            .Where(z => string.CompareOrdinal(z.Name.TrimEnd('.') + ".", name) >= 0)
            .OrderBy(z => z.Name, StringComparer.Ordinal)
            .Select(z => $"<HostedZone><Id>/hostedzone/{z.Id}</Id><Name>{z.Name.TrimEnd('.')}.</Name><CallerReference>ref-{z.Id}</CallerReference><Config><PrivateZone>{(z.Private ? "true" : "false")}</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount></HostedZone>");
        return Xml($"""<?xml version="1.0"?><ListHostedZonesByNameResponse xmlns="{Route53Xmlns}"><HostedZones>{string.Concat(zones)}</HostedZones><DNSName>{name}</DNSName><IsTruncated>false</IsTruncated><MaxItems>100</MaxItems></ListHostedZonesByNameResponse>""");
    }

    private HttpResponseMessage S3(HttpRequestMessage request, string path, string body)
    {
        var bucket = path.Trim('/');
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        if (!Buckets.TryGetValue(bucket, out var versions))
        {
            Calls.Add($"S3 ? {bucket}");
            return Xml($"""<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>{bucket}</BucketName></Error>""", HttpStatusCode.NotFound);
        }

        if (request.Method == HttpMethod.Get && Flags(request).Contains("versions"))
        {
            Calls.Add("S3 ListObjectVersions");
            var start = 0;
            if (query["key-marker"] is { Length: > 0 } key)
            {
                start = versions.FindIndex(v => v.Key == key && v.VersionId == query["version-id-marker"]) + 1;
            }

            var page = versions.Skip(start).Take(S3PageSize).ToList();
            var truncated = start + page.Count < versions.Count;
            var entries = string.Concat(page.Select(v => v.DeleteMarker
                ? $"<DeleteMarker><Key>{v.Key}</Key><VersionId>{v.VersionId}</VersionId><IsLatest>true</IsLatest><LastModified>2025-01-01T00:00:00.000Z</LastModified></DeleteMarker>"
                : $"<Version><Key>{v.Key}</Key><VersionId>{v.VersionId}</VersionId><IsLatest>false</IsLatest><LastModified>2025-01-01T00:00:00.000Z</LastModified><ETag>\"e\"</ETag><Size>1</Size><StorageClass>STANDARD</StorageClass></Version>"));
            var next = truncated ? $"<NextKeyMarker>{page[^1].Key}</NextKeyMarker><NextVersionIdMarker>{page[^1].VersionId}</NextVersionIdMarker>" : "";
            return Xml($"""<?xml version="1.0" encoding="UTF-8"?><ListVersionsResult xmlns="{S3Xmlns}"><Name>{bucket}</Name><Prefix></Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker>{next}<MaxKeys>1000</MaxKeys><IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>{entries}</ListVersionsResult>""");
        }

        if (request.Method == HttpMethod.Post && Flags(request).Contains("delete"))
        {
            Calls.Add("S3 DeleteObjects");
            var document = XDocument.Parse(body);
            var objects = document.Root!.Elements().Where(e => e.Name.LocalName == "Object")
                .Select(o => (o.Elements().Single(e => e.Name.LocalName == "Key").Value, o.Elements().Single(e => e.Name.LocalName == "VersionId").Value))
                .ToList();
            S3Deletes.Add(objects);
            versions.RemoveAll(v => objects.Contains((v.Key, v.VersionId)));
            return Xml($"""<?xml version="1.0" encoding="UTF-8"?><DeleteResult xmlns="{S3Xmlns}"></DeleteResult>""");
        }

        throw new InvalidOperationException($"Unexpected S3 {request.Method} {request.RequestUri}");
    }

    /// <summary>The query's valueless parameters ("?versions", "?delete"), which S3 uses to name sub-resources.</summary>
    private static string[] Flags(HttpRequestMessage request) =>
        [.. request.RequestUri!.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.Contains('=', StringComparison.Ordinal))];

    private static HttpResponseMessage Json(JsonObject body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
    };

    private static HttpResponseMessage JsonError(string type, string message) => new(HttpStatusCode.BadRequest)
    {
        Content = new StringContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = type, ["message"] = message }), Encoding.UTF8, "application/x-amz-json-1.1"),
    };

    private static HttpResponseMessage Xml(string body, HttpStatusCode status = HttpStatusCode.OK) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "text/xml"),
    };
}

/// <summary>An ECS service that runs: where, and the image of its PRIMARY deployment.</summary>
internal sealed record RunningService(string Cluster, string Name, string Container, string TaskDefinition, string Image);

using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.Ssm;

namespace Fargo.Aws.Tests.AwsCli.Cases;

public static class SsmCases
{
    private static SsmJsonContext Ctx => SsmJsonContext.Default;

    private const string ParameterJson = """
        {"Name":"/todo-api/DB_PASSWORD","Type":"SecureString","Value":"s3cr3t-value","Version":3,"LastModifiedDate":1714558830.123,
         "ARN":"arn:aws:ssm:us-east-1:123456789012:parameter/todo-api/DB_PASSWORD","DataType":"text"}
        """;

    public static IEnumerable<CliCase> All()
    {
        yield return Case("PutParameter",
            new PutParameterRequest
            {
                Name = "/todo-api/DB_PASSWORD",
                Description = "database password",
                Value = "s3cr3t-value",
                Type = ParameterType.SecureString,
                Overwrite = true,
                Tier = ParameterTier.Standard,
                DataType = "text",
            },
            Ctx.PutParameterRequest, Ctx.PutParameterResponse, (c, r, ct) => c.PutParameterAsync(r, ct),
            """{"Version":3,"Tier":"Standard"}""");

        yield return Case("GetParameter",
            new GetParameterRequest { Name = "/todo-api/DB_PASSWORD", WithDecryption = true },
            Ctx.GetParameterRequest, Ctx.GetParameterResponse, (c, r, ct) => c.GetParameterAsync(r, ct),
            $$"""{"Parameter":{{ParameterJson}}}""",
            ["--name", "/todo-api/DB_PASSWORD", "--with-decryption"]);

        yield return Case("GetParameters",
            new GetParametersRequest { Names = ["/todo-api/DB_PASSWORD", "/todo-api/MISSING"], WithDecryption = false },
            Ctx.GetParametersRequest, Ctx.GetParametersResponse, (c, r, ct) => c.GetParametersAsync(r, ct),
            $$"""{"Parameters":[{{ParameterJson}}],"InvalidParameters":["/todo-api/MISSING"]}""");

        yield return Case("GetParametersByPath",
            new GetParametersByPathRequest
            {
                Path = "/todo-api",
                Recursive = true,
                WithDecryption = true,
                MaxResults = 10,
                ParameterFilters = [new ParameterStringFilter { Key = "Type", Option = "Equals", Values = ["SecureString"] }],
            },
            Ctx.GetParametersByPathRequest, Ctx.GetParametersByPathResponse, (c, r, ct) => c.GetParametersByPathAsync(r, ct),
            $$"""{"Parameters":[{{ParameterJson}},{"Name":"/todo-api/API_KEY","Type":"String","Value":"k","Version":1,"LastModifiedDate":1714000000,"ARN":"arn:aws:ssm:us-east-1:123456789012:parameter/todo-api/API_KEY","DataType":"text"}],"NextToken":"AAEAAQ=="}""");

        yield return Case("DeleteParameter",
            new DeleteParameterRequest { Name = "/todo-api/OLD" },
            Ctx.DeleteParameterRequest, Ctx.DeleteParameterResponse, (c, r, ct) => c.DeleteParameterAsync(r, ct),
            "{}",
            ["--name", "/todo-api/OLD"]);

        yield return Case("DescribeParameters",
            new DescribeParametersRequest
            {
                ParameterFilters = [new ParameterStringFilter { Key = "Path", Option = "Recursive", Values = ["/todo-api"] }],
                MaxResults = 50,
            },
            Ctx.DescribeParametersRequest, Ctx.DescribeParametersResponse, (c, r, ct) => c.DescribeParametersAsync(r, ct),
            """
            {"Parameters":[{"Name":"/todo-api/DB_PASSWORD","Type":"SecureString",
              "KeyId":"alias/aws/ssm","LastModifiedDate":1714558830.123,"LastModifiedUser":"arn:aws:iam::123456789012:user/ops","Description":"database password",
              "Version":3,"Tier":"Standard","Policies":[],"DataType":"text"}],"NextToken":"next"}
            """);
    }

    private static CliCase<TRequest, TResponse> Case<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<SsmClient, TRequest, CancellationToken, Task<TResponse>> call,
        string responseBody,
        IReadOnlyList<string>? cliArguments = null) =>
        new(AwsServices.Ssm, "ssm", operation, request, requestType, responseType,
            (http, r, ct) => call(new SsmClient(http), r, ct), Canned.Json(responseBody), cliArguments);
}

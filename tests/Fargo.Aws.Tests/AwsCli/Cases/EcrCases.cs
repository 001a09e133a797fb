using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.Ecr;

namespace Fargo.Aws.Tests.AwsCli.Cases;

public static class EcrCases
{
    private const string Digest = "sha256:4e1f5e3b2c0a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e";

    // A Docker image manifest, as ECR stores and returns it: a JSON document inside a JSON string.
    private const string Manifest =
        """{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:b5b2b2c507a0944348e0303114d8d93aaaa081732b86451d9bce1f432a537bc7"},"layers":[]}""";

    private const string RepositoryArn = "arn:aws:ecr:us-east-1:123456789012:repository/todo-api";

    private const string PullPolicy = """{"Version":"2012-10-17","Statement":[{"Sid":"pull","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}""";

    private const string LifecyclePolicy = """{"rules":[{"rulePriority":1,"description":"keep the last 30 images","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":30},"action":{"type":"expire"}}]}""";

    private static EcrJsonContext Ctx => EcrJsonContext.Default;

    private static string JsonString(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string ManifestJsonString => System.Text.Json.JsonSerializer.Serialize(Manifest);

    private const string RepositoryJson = """
        {"repositoryArn":"arn:aws:ecr:us-east-1:123456789012:repository/todo-api","registryId":"123456789012","repositoryName":"todo-api",
         "repositoryUri":"123456789012.dkr.ecr.us-east-1.amazonaws.com/todo-api","createdAt":1714000000.25,"imageTagMutability":"IMMUTABLE",
         "imageScanningConfiguration":{"scanOnPush":true},"encryptionConfiguration":{"encryptionType":"AES256"}}
        """;

    public static IEnumerable<CliCase> All()
    {
        yield return Case("CreateRepository",
            new CreateRepositoryRequest
            {
                RepositoryName = "todo-api",
                ImageTagMutability = ImageTagMutability.Immutable,
                ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = true },
                EncryptionConfiguration = new EncryptionConfiguration { EncryptionType = EncryptionType.Aes256 },
                Tags = [new Tag { Key = "service", Value = "todo-api" }],
            },
            Ctx.CreateRepositoryRequest, Ctx.CreateRepositoryResponse, (c, r, ct) => c.CreateRepositoryAsync(r, ct),
            $$"""{"repository":{{RepositoryJson}}}""");

        yield return Case("DescribeRepositories",
            new DescribeRepositoriesRequest { RepositoryNames = ["todo-api"], MaxResults = 10 },
            Ctx.DescribeRepositoriesRequest, Ctx.DescribeRepositoriesResponse, (c, r, ct) => c.DescribeRepositoriesAsync(r, ct),
            $$"""{"repositories":[{{RepositoryJson}}],"nextToken":"ZGVzY3JpYmUtcmVwb3M="}""",
            ["--repository-names", "todo-api", "--max-results", "10"]);

        yield return Case("ListImages",
            new ListImagesRequest { RepositoryName = "todo-api", MaxResults = 100, Filter = new ListImagesFilter { TagStatus = TagStatus.Tagged } },
            Ctx.ListImagesRequest, Ctx.ListImagesResponse, (c, r, ct) => c.ListImagesAsync(r, ct),
            $$"""{"imageIds":[{"imageDigest":"{{Digest}}","imageTag":"r254"},{"imageDigest":"{{Digest}}","imageTag":"latest"}]}""");

        yield return Case("TagResource",
            new TagResourceRequest { ResourceArn = RepositoryArn, Tags = [new Tag { Key = "team", Value = "todo" }] },
            Ctx.TagResourceRequest, Ctx.TagResourceResponse, (c, r, ct) => c.TagResourceAsync(r, ct),
            "{}",
            ["--resource-arn", RepositoryArn, "--tags", "Key=team,Value=todo"]);

        yield return Case("UntagResource",
            new UntagResourceRequest { ResourceArn = RepositoryArn, TagKeys = ["team"] },
            Ctx.UntagResourceRequest, Ctx.UntagResourceResponse, (c, r, ct) => c.UntagResourceAsync(r, ct),
            "{}",
            ["--resource-arn", RepositoryArn, "--tag-keys", "team"]);

        yield return Case("ListTagsForResource",
            new ListTagsForResourceRequest { ResourceArn = RepositoryArn },
            Ctx.ListTagsForResourceRequest, Ctx.ListTagsForResourceResponse, (c, r, ct) => c.ListTagsForResourceAsync(r, ct),
            """{"tags":[{"Key":"team","Value":"todo"}]}""",
            ["--resource-arn", RepositoryArn]);

        yield return Case("SetRepositoryPolicy",
            new SetRepositoryPolicyRequest { RepositoryName = "todo-api", PolicyText = PullPolicy },
            Ctx.SetRepositoryPolicyRequest, Ctx.SetRepositoryPolicyResponse, (c, r, ct) => c.SetRepositoryPolicyAsync(r, ct),
            $$"""{"registryId":"123456789012","repositoryName":"todo-api","policyText":{{JsonString(PullPolicy)}}}""");

        yield return Case("GetRepositoryPolicy",
            new GetRepositoryPolicyRequest { RepositoryName = "todo-api" },
            Ctx.GetRepositoryPolicyRequest, Ctx.GetRepositoryPolicyResponse, (c, r, ct) => c.GetRepositoryPolicyAsync(r, ct),
            $$"""{"registryId":"123456789012","repositoryName":"todo-api","policyText":{{JsonString(PullPolicy)}}}""",
            ["--repository-name", "todo-api"]);

        yield return Case("DeleteRepositoryPolicy",
            new DeleteRepositoryPolicyRequest { RepositoryName = "todo-api" },
            Ctx.DeleteRepositoryPolicyRequest, Ctx.DeleteRepositoryPolicyResponse, (c, r, ct) => c.DeleteRepositoryPolicyAsync(r, ct),
            $$"""{"registryId":"123456789012","repositoryName":"todo-api","policyText":{{JsonString(PullPolicy)}}}""",
            ["--repository-name", "todo-api"]);

        yield return Case("DescribeRegistry",
            new DescribeRegistryRequest(),
            Ctx.DescribeRegistryRequest, Ctx.DescribeRegistryResponse, (c, r, ct) => c.DescribeRegistryAsync(r, ct),
            """{"registryId":"123456789012","replicationConfiguration":{"rules":[{"destinations":[{"region":"eu-west-1","registryId":"123456789012"}],"repositoryFilters":[{"filter":"todo","filterType":"PREFIX_MATCH"}]}]}}""",
            []);

        yield return Case("DescribeImages",
            new DescribeImagesRequest
            {
                RepositoryName = "todo-api",
                ImageIds = [new ImageIdentifier { ImageTag = "r254" }],
                Filter = new DescribeImagesFilter { TagStatus = TagStatus.Tagged },
            },
            Ctx.DescribeImagesRequest, Ctx.DescribeImagesResponse, (c, r, ct) => c.DescribeImagesAsync(r, ct),
            $$"""
            {"imageDetails":[{"registryId":"123456789012","repositoryName":"todo-api","imageDigest":"{{Digest}}","imageTags":["r254","latest"],
              "imageSizeInBytes":98765432,"imagePushedAt":1714558000.5,"imageScanStatus":{"status":"COMPLETE","description":"The scan was completed successfully."},
              "imageScanFindingsSummary":{"imageScanCompletedAt":1714558100,"vulnerabilitySourceUpdatedAt":1714500000,"findingSeverityCounts":{"MEDIUM":2,"LOW":5} },
              "imageManifestMediaType":"application/vnd.docker.distribution.manifest.v2+json","artifactMediaType":"application/vnd.docker.container.image.v1+json",
              "lastRecordedPullTime":1714559000.125}]}
            """);

        yield return Case("BatchGetImage",
            new BatchGetImageRequest
            {
                RepositoryName = "todo-api",
                ImageIds = [new ImageIdentifier { ImageDigest = Digest }, new ImageIdentifier { ImageTag = "gone" }],
                AcceptedMediaTypes = ["application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json"],
            },
            Ctx.BatchGetImageRequest, Ctx.BatchGetImageResponse, (c, r, ct) => c.BatchGetImageAsync(r, ct),
            $$"""
            {"images":[{"registryId":"123456789012","repositoryName":"todo-api","imageId":{"imageDigest":"{{Digest}}","imageTag":"r254"},
              "imageManifest":{{ManifestJsonString}},"imageManifestMediaType":"application/vnd.docker.distribution.manifest.v2+json"}],
             "failures":[{"imageId":{"imageTag":"gone"},"failureCode":"ImageTagDoesNotMatchDigest","failureReason":"Requested image not found"}]}
            """);

        yield return Case("PutImage",
            new PutImageRequest
            {
                RepositoryName = "todo-api",
                ImageManifest = Manifest,
                ImageManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json",
                ImageTag = "r254",
                ImageDigest = Digest,
            },
            Ctx.PutImageRequest, Ctx.PutImageResponse, (c, r, ct) => c.PutImageAsync(r, ct),
            $$"""
            {"image":{"registryId":"123456789012","repositoryName":"todo-api","imageId":{"imageDigest":"{{Digest}}","imageTag":"r254"},
              "imageManifest":{{ManifestJsonString}},"imageManifestMediaType":"application/vnd.docker.distribution.manifest.v2+json"} }
            """);

        yield return Case("BatchDeleteImage",
            new BatchDeleteImageRequest { RepositoryName = "todo-api", ImageIds = [new ImageIdentifier { ImageTag = "r250" }, new ImageIdentifier { ImageTag = "r251" }] },
            Ctx.BatchDeleteImageRequest, Ctx.BatchDeleteImageResponse, (c, r, ct) => c.BatchDeleteImageAsync(r, ct),
            $$"""
            {"imageIds":[{"imageDigest":"sha256:11","imageTag":"r250"}],
             "failures":[{"imageId":{"imageTag":"r251"},"failureCode":"ImageNotFound","failureReason":"Requested image not found"}]}
            """,
            ["--repository-name", "todo-api", "--image-ids", "imageTag=r250", "imageTag=r251"]);

        yield return Case("DeleteRepository",
            new DeleteRepositoryRequest { RepositoryName = "todo-api", Force = true },
            Ctx.DeleteRepositoryRequest, Ctx.DeleteRepositoryResponse, (c, r, ct) => c.DeleteRepositoryAsync(r, ct),
            $$"""{"repository":{{RepositoryJson}}}""",
            ["--repository-name", "todo-api", "--force"]);

        yield return Case("PutImageTagMutability",
            new PutImageTagMutabilityRequest { RepositoryName = "todo-api", ImageTagMutability = ImageTagMutability.Mutable },
            Ctx.PutImageTagMutabilityRequest, Ctx.PutImageTagMutabilityResponse, (c, r, ct) => c.PutImageTagMutabilityAsync(r, ct),
            """{"registryId":"123456789012","repositoryName":"todo-api","imageTagMutability":"MUTABLE"}""",
            ["--repository-name", "todo-api", "--image-tag-mutability", "MUTABLE"]);

        yield return Case("PutImageScanningConfiguration",
            new PutImageScanningConfigurationRequest { RepositoryName = "todo-api", ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = true } },
            Ctx.PutImageScanningConfigurationRequest, Ctx.PutImageScanningConfigurationResponse, (c, r, ct) => c.PutImageScanningConfigurationAsync(r, ct),
            """{"registryId":"123456789012","repositoryName":"todo-api","imageScanningConfiguration":{"scanOnPush":true}}""",
            ["--repository-name", "todo-api", "--image-scanning-configuration", "scanOnPush=true"]);

        yield return Case("PutLifecyclePolicy",
            new PutLifecyclePolicyRequest { RepositoryName = "todo-api", LifecyclePolicyText = LifecyclePolicy },
            Ctx.PutLifecyclePolicyRequest, Ctx.PutLifecyclePolicyResponse, (c, r, ct) => c.PutLifecyclePolicyAsync(r, ct),
            $$"""{"registryId":"123456789012","repositoryName":"todo-api","lifecyclePolicyText":{{JsonString(LifecyclePolicy)}}}""",
            ["--repository-name", "todo-api", "--lifecycle-policy-text", LifecyclePolicy]);

        yield return Case("GetLifecyclePolicy",
            new GetLifecyclePolicyRequest { RepositoryName = "todo-api" },
            Ctx.GetLifecyclePolicyRequest, Ctx.GetLifecyclePolicyResponse, (c, r, ct) => c.GetLifecyclePolicyAsync(r, ct),
            $$"""{"registryId":"123456789012","repositoryName":"todo-api","lifecyclePolicyText":{{JsonString(LifecyclePolicy)}},"lastEvaluatedAt":1714559400.75}""",
            ["--repository-name", "todo-api"]);

        yield return Case("GetAuthorizationToken",
            new GetAuthorizationTokenRequest(),
            Ctx.GetAuthorizationTokenRequest, Ctx.GetAuthorizationTokenResponse, (c, r, ct) => c.GetAuthorizationTokenAsync(r, ct),
            """{"authorizationData":[{"authorizationToken":"QVdTOmV4YW1wbGUtdG9rZW4=","expiresAt":1714601230.0,"proxyEndpoint":"https://123456789012.dkr.ecr.us-east-1.amazonaws.com"}]}""",
            []);
    }

    private static CliCase<TRequest, TResponse> Case<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<EcrClient, TRequest, CancellationToken, Task<TResponse>> call,
        string responseBody,
        IReadOnlyList<string>? cliArguments = null) =>
        new(AwsServices.Ecr, "ecr", operation, request, requestType, responseType,
            (http, r, ct) => call(new EcrClient(http), r, ct), Canned.Json(responseBody), cliArguments);
}

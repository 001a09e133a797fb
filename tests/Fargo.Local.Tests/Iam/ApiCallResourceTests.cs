using System.Text;
using Fargo.Local.Iam;

namespace Fargo.Local.Tests.Iam;

/// <summary>
/// Which action and resource ARN a request is authorized for: the ARN the request gives when it has the resource
/// type's shape, else the type's ARN format filled with the request's names, and S3's operations as S3's actions.
/// </summary>
public sealed class ApiCallResourceTests
{
    [Fact]
    public void An_ARN_the_request_gives_is_the_resource_when_it_has_the_resource_type_s_shape()
    {
        const string TargetGroup = "arn:aws:elasticloadbalancing:local:000000000000:targetgroup/web/0123456789abcdef";
        var call = ApiCall.FromQuery("elasticloadbalancing", "ModifyTargetGroup", new Dictionary<string, string> { ["TargetGroupArn"] = TargetGroup, ["HealthCheckPath"] = "/up" });

        Assert.Equal(TargetGroup, Resource(call));
    }

    [Fact]
    public void Names_fill_the_ARN_format_and_a_name_the_request_does_not_give_stays_a_wildcard()
    {
        var run = ApiCall.FromJson("ecs", "RunTask", Encoding.UTF8.GetBytes("""{"cluster":"test","taskDefinition":"web:3"}"""));
        var register = ApiCall.FromJson("ecs", "RegisterTaskDefinition", Encoding.UTF8.GetBytes("""{"family":"web","containerDefinitions":[]}"""));
        var describe = ApiCall.FromJson("ecs", "DescribeServices", Encoding.UTF8.GetBytes("""{"cluster":"test"}"""));
        var several = ApiCall.FromJson("ecs", "DescribeServices", Encoding.UTF8.GetBytes("""{"cluster":"test","services":["api","arn:aws:ecs:local:000000000000:service/test/web"]}"""));

        Assert.Equal("arn:aws:ecs:local:000000000000:task-definition/web:3", Resource(run));
        Assert.Equal("arn:aws:ecs:local:000000000000:task-definition/web:*", Resource(register));
        Assert.Equal("arn:aws:ecs:local:000000000000:service/test/*", Resource(describe));
        Assert.Equal(
            ["arn:aws:ecs:local:000000000000:service/test/api", "arn:aws:ecs:local:000000000000:service/test/web"],
            several.Names.Select(names => RequestAuthorizer.ResourceArn(ServiceAuthorizationReference.Embedded.Find("ecs", "DescribeServices"), names, [])));
    }

    [Fact]
    public void DescribeClusters_and_DescribeRepositories_are_authorized_once_per_cluster_or_repository_they_name()
    {
        // Found by the pipeline rehearsal: `fargo verify` describes the service's cluster, which the deploy role may do on that cluster only.
        var clusters = ApiCall.FromJson("ecs", "DescribeClusters", Encoding.UTF8.GetBytes("""{"clusters":["fargo-qa","arn:aws:ecs:local:000000000000:cluster/other"]}"""));
        var repositories = ApiCall.FromJson("ecr", "DescribeRepositories", Encoding.UTF8.GetBytes("""{"repositoryNames":["api"]}"""));

        Assert.Equal(
            ["arn:aws:ecs:local:000000000000:cluster/fargo-qa", "arn:aws:ecs:local:000000000000:cluster/other"],
            clusters.Names.Select(names => RequestAuthorizer.ResourceArn(ServiceAuthorizationReference.Embedded.Find("ecs", "DescribeClusters"), names, [])));
        Assert.Equal("arn:aws:ecr:local:000000000000:repository/api", Resource(repositories));
    }

    [Fact]
    public void GetParameters_is_authorized_once_per_name_and_an_action_without_resource_types_on_star()
    {
        var call = ApiCall.FromJson("ssm", "GetParameters", Encoding.UTF8.GetBytes("""{"Names":["/app/a","app/b"]}"""));
        var action = ServiceAuthorizationReference.Embedded.Find("ssm", "GetParameters");

        Assert.Equal(
            ["arn:aws:ssm:local:000000000000:parameter/app/a", "arn:aws:ssm:local:000000000000:parameter/app/b"],
            call.Names.Select(names => RequestAuthorizer.ResourceArn(action, names, call.Arns)));
        Assert.Equal("*", Resource(ApiCall.FromJson("ecr", "GetAuthorizationToken", Encoding.UTF8.GetBytes("{}"))));
    }

    [Fact]
    public void Tags_on_create_and_roles_handed_to_ECS_are_what_the_extra_checks_see()
    {
        var call = ApiCall.FromJson("ecs", "RegisterTaskDefinition", Encoding.UTF8.GetBytes(
            """{"family":"web","taskRoleArn":"arn:aws:iam::000000000000:role/task","executionRoleArn":"arn:aws:iam::000000000000:role/exec","tags":[{"key":"team","value":"a"}]}"""));
        var untagged = ApiCall.FromJson("ecs", "TagResource", Encoding.UTF8.GetBytes("""{"resourceArn":"arn:aws:ecs:local:000000000000:cluster/x","tags":[{"key":"a","value":"b"}]}"""));

        Assert.True(call.CreatesEcsTags);
        Assert.False(untagged.CreatesEcsTags);
        Assert.Equal(
            [("arn:aws:iam::000000000000:role/task", "ecs-tasks.amazonaws.com"), ("arn:aws:iam::000000000000:role/exec", "ecs-tasks.amazonaws.com")],
            call.PassedRoles);
    }

    [Theory]
    [InlineData("GET", null, "data", "k.txt", "", "GetObject")]
    [InlineData("HEAD", null, "data", "k.txt", "versionId", "GetObjectVersion")]
    [InlineData("GET", null, "data", null, "", "ListBucket")]
    [InlineData("HEAD", null, "data", null, "", "ListBucket")]
    [InlineData("POST", "uploads", "data", "k.txt", "", "PutObject")]
    [InlineData("DELETE", null, "data", "k.txt", "uploadId", "AbortMultipartUpload")]
    [InlineData("GET", null, null, null, "", "ListAllMyBuckets")]
    public void S3_operations_are_S3_s_actions(string method, string? subresource, string? bucket, string? key, string query, string action)
    {
        var parameters = query.Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { [query] = "1" };

        Assert.Equal(action, S3Actions.Of(method, subresource, bucket, key, parameters).ActionName);
    }

    private static string Resource(ApiCall call) =>
        RequestAuthorizer.ResourceArn(ServiceAuthorizationReference.Embedded.Find(call.ServicePrefix, call.ActionName), call.Names[0], call.Arns);
}

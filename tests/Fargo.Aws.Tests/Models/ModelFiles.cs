using System.Text.Json.Nodes;

namespace Fargo.Aws.Tests.Models;

/// <summary>Where AWS's service models are: npm aws-sdk v2 in the repository, and botocore's full models.</summary>
public static class ModelFiles
{
    /// <summary>
    /// botocore's service-2.json files carry the enums that aws-sdk's minified models strip. Debian's awscli ships
    /// them (test.sh installs it); FARGO_BOTOCORE_DATA points elsewhere.
    /// </summary>
    public static string BotocoreData =>
        Environment.GetEnvironmentVariable("FARGO_BOTOCORE_DATA") is { Length: > 0 } configured
            ? configured
            : "/usr/lib/python3/dist-packages/awscli/botocore/data";

    public static bool BotocoreAvailable => File.Exists(Path.Combine(BotocoreData, "ecs", "2014-11-13", "service-2.json"));

    public static string RepositoryRoot { get; } = Fargo.Tests.RepositoryRoot.Path;

    public static string ApisFolder => Path.Combine(RepositoryRoot, "node_modules", "aws-sdk", "apis");

    public static JsonObject LoadNpmModel(string modelFile) =>
        LoadObject(Path.Combine(ApisFolder, modelFile + ".min.json"));

    public static JsonObject LoadBotocoreModel(string folder) =>
        LoadObject(Path.Combine(BotocoreData, folder, "service-2.json"));

    private static JsonObject LoadObject(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"AWS model {path} is missing; run `npm ci` at the repository root.", path);
        }
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }
}

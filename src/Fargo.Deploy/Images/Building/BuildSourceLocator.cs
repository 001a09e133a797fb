using System.Xml;
using System.Xml.Linq;
using Fargo.Config.Model;

namespace Fargo.Deploy.Images.Building;

/// <summary>
/// Finds what to build: [image].dockerfile when it exists; otherwise, when the Dockerfile is the default one and absent,
/// the ASP.NET Core project (Sdk="Microsoft.NET.Sdk.Web") of the build context — the one nearest the top, then by
/// path, the same choice `fargo init` makes — for the .NET SDK's container publishing.
/// </summary>
public static class BuildSourceLocator
{
    private const string DefaultDockerfile = "Dockerfile";

    public static BuildSource Locate(ImageSettings image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var context = Path.GetFullPath(image.Context);
        var dockerfile = Path.GetFullPath(Path.Combine(image.DockerfileFolder ?? context, image.Dockerfile));
        if (File.Exists(dockerfile))
        {
            return new DockerfileSource(dockerfile, context) { BuildArgs = image.BuildArgs, Target = image.Target };
        }

        if (image.Dockerfile != DefaultDockerfile)
        {
            throw new DeployUsageException(
                $"[image].dockerfile names {dockerfile}, which does not exist.",
                "Fix the path (it is relative to the folder of fargo.toml), or remove the setting to build a .NET project without a Dockerfile.");
        }

        var project = FindWebProject(context)
            ?? throw new DeployUsageException(
                $"There is nothing to build an image from in {context}: no Dockerfile, and no ASP.NET Core project (Sdk=\"Microsoft.NET.Sdk.Web\").",
                "Add a Dockerfile (or name one with [image].dockerfile in fargo.toml).");
        return new DotnetProjectSource(project);
    }

    private static string? FindWebProject(string root) => ProjectFiles.Find(root).FirstOrDefault(IsWebProject);

    private static bool IsWebProject(string path)
    {
        XElement? project;
        try
        {
            project = XDocument.Load(path).Root;
        }
        catch (XmlException)
        {
            return false; // Not a project MSBuild could load either.
        }

        return project is not null && ProjectFiles.IsWebSdk(project);
    }
}

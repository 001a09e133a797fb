using Fargo.Config.Model;

namespace Fargo.Infrastructure;

/// <summary>
/// The CloudFormation stack names of one service in one environment: the environment stack
/// ("fargo-&lt;env&gt;", shared by the environment's services) and the service stack
/// ("fargo-&lt;env&gt;-&lt;service&gt;"). Deploys find the service stack's outputs by this name.
/// </summary>
public sealed record StackNames(string Environment, string Service)
{
    public static StackNames For(ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var environment = $"fargo-{settings.Environment.Name}";
        return new StackNames(environment, $"{environment}-{settings.Name}");
    }

    /// <summary>
    /// The deploy-access stack of an app in an environment: GitHub's OIDC provider and the app's deploy and read roles
    /// (for a file of one service, the app is the service: "fargo-&lt;env&gt;-&lt;service&gt;-deploy-access").
    /// </summary>
    public static string DeployAccess(ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return $"fargo-{settings.Environment.Name}-{settings.App}-deploy-access";
    }

    /// <summary>The CodePipeline stack of an app (in its first stage's account and region).</summary>
    public static string Pipeline(string app) => $"fargo-{app}-pipeline";
}

using System.Globalization;

namespace Fargo.Infrastructure.Toolkit;

/// <summary>When the toolkit stops to ask before deploying (cdk deploy --require-approval).</summary>
public enum ApprovalLevel
{
    /// <summary>Never ask: Fargo asked already, or --yes was given.</summary>
    Never,

    /// <summary>Ask when IAM or security group changes widen access.</summary>
    Broadening,

    /// <summary>Ask before any change.</summary>
    AnyChange,
}

/// <summary>An existing VPC's subnets, one per availability zone (two each).</summary>
public sealed record ExistingVpcSubnets(IReadOnlyList<string> Public, IReadOnlyList<string> Private);

/// <summary>
/// What `infra up` passes to the stacks. Each value left null keeps what CloudFormation
/// already has (the toolkit reuses a stack's previous parameter values), and on a first deploy the template's
/// default applies: only the image has one (empty: no tasks until the first deploy).
/// </summary>
/// <param name="LiveImage">The image the service runs now, read from the running service (never a guess: null keeps the stack's).</param>
/// <param name="HostedZoneId">The id of the hosted zone given by name (<see cref="SynthesizedAssembly.HostedZoneToLookUp"/>).</param>
/// <param name="Subnets">The existing VPC's subnets (<see cref="SynthesizedAssembly.ExistingVpcId"/>).</param>
/// <param name="VpcCidr">The existing VPC's CIDR block, for an internal load balancer (<see cref="SynthesizedAssembly.NeedsVpcCidr"/>).</param>
public sealed record DeployInputs(
    string? LiveImage,
    string? HostedZoneId = null,
    ExistingVpcSubnets? Subnets = null,
    string? VpcCidr = null,
    SharedEnvironmentInputs? Shared = null);

/// <summary>One service's assembly of an app synthesized together, and what `infra up` passes its stacks.</summary>
public sealed record ServiceDeployment(SynthesizedAssembly Assembly, DeployInputs Inputs);

/// <summary>Options for every toolkit run.</summary>
/// <param name="Profile">The AWS profile to use (--profile), or null for the default credential chain.</param>
public sealed record CdkRunOptions(string? Profile = null);

/// <summary>
/// The arguments of the CDK toolkit commands Fargo runs (after `node &lt;cdk entry point&gt;`). Pure functions of
/// their inputs, so that what Fargo asks the toolkit to do is testable without running it.
/// </summary>
public static class CdkCommandLine
{
    public static IReadOnlyList<string> List(SynthesizedAssembly assembly, CdkRunOptions options) =>
        Command("list", assembly, options, []);

    /// <summary>
    /// Compares both stacks with what is deployed. (The 2.160 toolkit's diff takes no parameters: the change set
    /// it creates keeps the stacks' current values, so the live image is not at stake.)
    /// </summary>
    public static IReadOnlyList<string> Diff(SynthesizedAssembly assembly, CdkRunOptions options) => Diff([assembly], options);

    /// <summary>Compares the environment's stack and the stacks of the app's services (synthesized together) with what is deployed.</summary>
    public static IReadOnlyList<string> Diff(IReadOnlyList<SynthesizedAssembly> app, CdkRunOptions options) =>
        Command("diff", First(app), options, AppStacks(app));

    public static IReadOnlyList<string> Deploy(SynthesizedAssembly assembly, DeployInputs inputs, ApprovalLevel approval, string outputsFile, CdkRunOptions options) =>
        Deploy([new ServiceDeployment(assembly, inputs)], approval, outputsFile, options);

    /// <summary>
    /// Deploys the environment's stack and the stacks of the app's services in one run: the toolkit orders them by their
    /// dependencies (the environment first, a called service before its callers). Each service's stack takes its own
    /// parameters; the environment's come from the first service's inputs (every service of the file agrees on them).
    /// </summary>
    public static IReadOnlyList<string> Deploy(IReadOnlyList<ServiceDeployment> app, ApprovalLevel approval, string outputsFile, CdkRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        var assemblies = app.Select(s => s.Assembly).ToList();
        return Command("deploy", First(assemblies), options,
        [
            "--require-approval", ApprovalArgument(approval),
            // One line per CloudFormation event: readable when streamed, unlike the progress bar.
            "--progress", "events",
            "--outputs-file", outputsFile,
            .. app.SelectMany((service, index) => ParameterArguments(service.Assembly, service.Inputs, environment: index == 0)),
            .. AppStacks(assemblies),
        ]);
    }

    /// <summary>Deletes both stacks (the service's first); --force because Fargo asked already.</summary>
    public static IReadOnlyList<string> Destroy(SynthesizedAssembly assembly, CdkRunOptions options) => Destroy([assembly], options);

    /// <summary>
    /// Deletes the stacks of the app's services, callers first (the reverse of the deploy order: a caller's stack refers to
    /// the called one's security group), then the environment's; --force because Fargo asked already.
    /// </summary>
    public static IReadOnlyList<string> Destroy(IReadOnlyList<SynthesizedAssembly> app, CdkRunOptions options) =>
        Command("destroy", First(app), options, ["--force", .. app.Reverse().Select(a => a.Stacks.Service), First(app).Stacks.Environment]);

    /// <summary>Prepares the account and region for the default synthesizer (once per account and region).</summary>
    public static IReadOnlyList<string> Bootstrap(SynthesizedAssembly assembly, CdkRunOptions options) =>
        Command("bootstrap", assembly, options, [$"aws://{assembly.Account}/{assembly.Region}"]);

    /// <summary>Compares a one-stack assembly (deploy access, pipeline) with what is deployed.</summary>
    public static IReadOnlyList<string> Diff(SingleStackAssembly assembly, CdkRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Command("diff", assembly.Directory, options, [assembly.StackName]);
    }

    /// <summary>Deploys a one-stack assembly; each parameter given is passed, the others keep the stack's values.</summary>
    public static IReadOnlyList<string> Deploy(SingleStackAssembly assembly, IReadOnlyDictionary<string, string> parameters, ApprovalLevel approval, string outputsFile, CdkRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(parameters);
        return Command("deploy", assembly.Directory, options,
        [
            "--require-approval", ApprovalArgument(approval),
            "--progress", "events",
            "--outputs-file", outputsFile,
            .. parameters.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => new[] { "--parameters", $"{assembly.StackName}:{p.Key}={p.Value}" }),
            assembly.StackName,
        ]);
    }

    /// <summary>Deletes a one-stack assembly's stack; --force because Fargo asked already.</summary>
    public static IReadOnlyList<string> Destroy(SingleStackAssembly assembly, CdkRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Command("destroy", assembly.Directory, options, ["--force", assembly.StackName]);
    }

    /// <summary>Prepares the one-stack assembly's account and region for the default synthesizer.</summary>
    public static IReadOnlyList<string> Bootstrap(SingleStackAssembly assembly, CdkRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Command("bootstrap", assembly.Directory, options, [$"aws://{assembly.Account}/{assembly.Region}"]);
    }

    /// <summary>The --parameters arguments, each scoped to its stack ("stack:Name=value").</summary>
    public static IReadOnlyList<string> ParameterArguments(SynthesizedAssembly assembly, DeployInputs inputs) => ParameterArguments(assembly, inputs, environment: true);

    /// <summary>The service stack's --parameters, and with <paramref name="environment"/> the environment stack's.</summary>
    private static List<string> ParameterArguments(SynthesizedAssembly assembly, DeployInputs inputs, bool environment)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(inputs);
        var arguments = new List<string>();
        if (inputs.LiveImage is { } image)
        {
            if (string.IsNullOrWhiteSpace(image))
            {
                throw new ArgumentException("the live image is a URI, or null when there is none to keep", nameof(inputs));
            }

            Add(assembly.Stacks.Service, StackParameters.Image, image);
        }

        if (inputs.HostedZoneId is { } zone && environment)
        {
            Add(assembly.Stacks.Environment, StackParameters.HostedZoneId, zone);
        }

        if (inputs.Subnets is { } subnets && environment)
        {
            Add(assembly.Stacks.Environment, StackParameters.PublicSubnetIds, SubnetList(subnets.Public, "public"));
            Add(assembly.Stacks.Environment, StackParameters.PrivateSubnetIds, SubnetList(subnets.Private, "private"));
        }

        if (inputs.VpcCidr is { } cidr && environment)
        {
            Add(assembly.Stacks.Environment, StackParameters.VpcCidr, cidr);
        }

        if (inputs.Shared is { } shared)
        {
            foreach (var (name, value) in environment ? shared.EnvironmentParameters : new Dictionary<string, string>())
            {
                Add(assembly.Stacks.Environment, name, value);
            }

            foreach (var (name, value) in shared.ServiceParameters)
            {
                Add(assembly.Stacks.Service, name, value);
            }
        }

        return arguments;

        void Add(string stack, string name, string value)
        {
            arguments.Add("--parameters");
            arguments.Add($"{stack}:{name}={value}");
        }
    }

    internal static string ApprovalArgument(ApprovalLevel approval) => approval switch
    {
        ApprovalLevel.Never => "never",
        ApprovalLevel.Broadening => "broadening",
        ApprovalLevel.AnyChange => "any-change",
        _ => throw new ArgumentOutOfRangeException(nameof(approval), approval, null),
    };

    private static string SubnetList(IReadOnlyList<string> subnets, string kind) => subnets.Count == 2
        ? string.Join(',', subnets)
        : throw new InfrastructureConfigurationException(
            string.Create(CultureInfo.InvariantCulture, $"the existing VPC needs exactly two {kind} subnets, one per availability zone (got {subnets.Count})"));

    /// <summary>The environment's stack, then each service's (the app's assemblies come from one synthesis, in deploy order).</summary>
    private static string[] AppStacks(IReadOnlyList<SynthesizedAssembly> app) => [First(app).Stacks.Environment, .. app.Select(a => a.Stacks.Service)];

    private static SynthesizedAssembly First(IReadOnlyList<SynthesizedAssembly> app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Count > 0 ? app[0] : throw new ArgumentException("an app has one service or more", nameof(app));
    }

    private static List<string> Command(string verb, SynthesizedAssembly assembly, CdkRunOptions options, IEnumerable<string> rest)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return Command(verb, assembly.Directory, options, rest);
    }

    private static List<string> Command(string verb, string directory, CdkRunOptions options, IEnumerable<string> rest)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new List<string>
        {
            verb,
            // The synthesized folder is the app: the toolkit reads it and runs nothing of ours.
            "--app", directory,
            "--no-color",
            // Notices are fetched from the internet and are about the CDK, not the user's stacks.
            "--no-notices",
        };
        if (options.Profile is { } profile)
        {
            arguments.Add("--profile");
            arguments.Add(profile);
        }

        arguments.AddRange(rest);
        return arguments;
    }
}

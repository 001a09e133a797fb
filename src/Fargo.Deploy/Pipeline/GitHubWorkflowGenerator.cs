using System.Text.RegularExpressions;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Deploy.Rendering;

namespace Fargo.Deploy.Pipeline;

/// <summary>What the workflow is generated from.</summary>
/// <param name="Config">The service's fargo.toml.</param>
/// <param name="Pipeline">Its [pipeline] settings (stages in order, branch, test).</param>
/// <param name="Repository">The GitHub repository, "owner/name", the deploy roles trust.</param>
/// <param name="FargoVersion">The Fargo.Cli package version the workflow installs, e.g. "0.1.0".</param>
/// <param name="WorkingDirectory">The folder of fargo.toml relative to the repository's root, "/"-separated; "" at the root.</param>
public sealed record GitHubWorkflowRequest(
    ServiceConfig Config,
    PipelineSettings Pipeline,
    string Repository,
    string FargoVersion,
    string WorkingDirectory);

/// <summary>One job of the workflow: one stage.</summary>
/// <param name="Id">The job's id in the workflow (the Fargo environment's name).</param>
/// <param name="Needs">The previous stage's job id; null for the first.</param>
/// <param name="Steps">The fargo commands the job runs, in order, with their steps' names.</param>
public sealed record WorkflowJob(
    string Id,
    string Name,
    string Environment,
    string GitHubEnvironment,
    string? Needs,
    string Account,
    string Region,
    string RoleArn,
    string ConcurrencyGroup,
    IReadOnlyList<WorkflowStep> Steps,
    PromoteSource? Source = null)
{
    /// <summary>The fargo commands the job runs, in order, as written in the workflow.</summary>
    public IReadOnlyList<string> Commands => [.. Steps.Select(s => s.Command)];
}

/// <summary>One step of a job that runs a fargo command: its name in the workflow, and the command.</summary>
public sealed record WorkflowStep(string Title, string Command);

/// <summary>
/// Where a later stage promotes from: the previous environment, read through its read-only role (&lt;name&gt;-&lt;env&gt;-read,
/// which trusts this stage's deploy role), named in an AWS profile for `fargo promote --from-profile`.
/// </summary>
public sealed record PromoteSource(string Environment, string Region, string ReadRoleArn, string Profile);

/// <summary>The workflow file's text and the jobs it holds.</summary>
public sealed record GitHubWorkflow(string Yaml, IReadOnlyList<WorkflowJob> Jobs);

/// <summary>
/// Writes the GitHub Actions workflow of a service's pipeline (.github/workflows/fargo.yml): the first stage builds
/// the image once, runs the test inside it, pushes and deploys it; each later stage promotes that very digest and
/// deploys it, the last one in the protected `production` environment. In an app of several services the same commands,
/// without --service, do so for every service (one image each), and a stage deploys them called ones first. AWS access is through OIDC role assumption:
/// no stored keys. A pure function of its request.
/// </summary>
public static partial class GitHubWorkflowGenerator
{
    /// <summary>Where the workflow lives, relative to the repository's root.</summary>
    public const string RelativePath = ".github/workflows/fargo.yml";

    /// <summary>The .NET that the Fargo tool runs on.</summary>
    public const string DotnetVersion = "10.0.x";

    /// <summary>The job that checks a pull request: it builds and tests, and has no AWS access.</summary>
    public const string PullRequestJob = "pull-request";

    /// <summary>The variable holding the image version in every job: the commit's 7-character short SHA.</summary>
    private const string VersionVariable = "VERSION";

    /// <exception cref="DeployUsageException">The pipeline has no stage, or names an environment a workflow cannot deploy to.</exception>
    public static GitHubWorkflow Generate(GitHubWorkflowRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stages = StageSettings(request.Config, request.Pipeline);
        if (!GitHubRepository.IsValid(request.Repository))
        {
            throw new DeployUsageException($"\"{request.Repository}\" is not a GitHub repository written as \"owner/name\".", "Set [pipeline] repository = \"owner/name\" in fargo.toml.");
        }

        if (!PackageVersion().IsMatch(request.FargoVersion))
        {
            throw new ArgumentException($"'{request.FargoVersion}' is not a NuGet package version of Fargo.Cli.", nameof(request));
        }

        var names = stages.Select(s => s.Environment.Name).ToList();
        var jobs = new List<WorkflowJob>();
        for (var i = 0; i < stages.Count; i++)
        {
            jobs.Add(Job(request, stages, names, i));
        }

        var yaml = new YamlText();
        Header(yaml, request, jobs);
        yaml.Pair("name", "fargo").Blank();
        Triggers(yaml, request.Pipeline.Branch);
        yaml.Comment("The jobs' token may read the code and ask GitHub for an OIDC token (traded for AWS credentials); nothing else.")
            .Map("permissions", p => p.Pair("id-token", "write").Pair("contents", "read"))
            .Blank()
            .Map("env", e => e
                .Comment("The Fargo that generated this file. Every job installs exactly this version; change it on purpose.")
                .Pair("FARGO_CLI_VERSION", request.FargoVersion))
            .Blank();
        yaml.Map("jobs", j =>
        {
            WritePullRequestJob(j, request, stages[0]);
            for (var i = 0; i < jobs.Count; i++)
            {
                j.Blank();
                WriteJob(j, request, stages[i], jobs[i], isFirst: i == 0, isLast: i == jobs.Count - 1);
            }
        });
        return new GitHubWorkflow(yaml.ToString(), jobs);
    }

    /// <summary>
    /// The settings of each stage, in order, once checked: at least one, none on the local region, `production` only last.
    /// In an app of several services, the first service's settings of each stage: the workflow reads from them only what
    /// the app's services share there (the environment, [iam], the app's deploy and read roles); its commands, without
    /// --service, build, push, promote and deploy every service.
    /// </summary>
    /// <exception cref="DeployUsageException">The stages cannot make a workflow.</exception>
    public static IReadOnlyList<ServiceSettings> StageSettings(ServiceConfig config, PipelineSettings pipeline)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(pipeline);
        var stages = pipeline.Stages;
        if (stages.Count == 0)
        {
            throw new DeployUsageException(
                $"{config.SourcePath} has no AWS environment for the pipeline to deploy to.",
                "Add one under [environments.NAME] with account and region (say qa, then prod); the stages are every AWS environment in the order written, or [pipeline] stages = [\"qa\", \"prod\"].");
        }

        var settings = stages.Select(stage => config.ServicesIn(stage)[0]).ToList();
        if (settings.FirstOrDefault(s => !s.Environment.CanBePipelineStage) is { } local)
        {
            throw new DeployUsageException(
                $"Environment '{local.Environment.Name}' lives on the local region on this machine; a GitHub workflow cannot deploy to it.",
                "List only AWS environments in [pipeline] stages.");
        }

        // The last stage's GitHub environment is `production`; an earlier stage of that name would share its
        // protection rules and its deploy role's trust.
        for (var i = 0; i < stages.Count - 1; i++)
        {
            if (stages[i] == PipelineStages.ProtectedEnvironment)
            {
                throw new DeployUsageException(
                    $"Environment '{stages[i]}' is not the last stage, but the last stage's GitHub environment is '{PipelineStages.ProtectedEnvironment}'.",
                    $"Make '{stages[i]}' the last stage in [pipeline] stages, or name the environment differently.");
            }
        }

        return settings;
    }

    private static WorkflowJob Job(GitHubWorkflowRequest request, IReadOnlyList<ServiceSettings> stages, List<string> names, int index)
    {
        var settings = stages[index];
        var environment = settings.Environment;
        var name = environment.Name;
        var version = $"\"${VersionVariable}\"";
        var tested = request.Pipeline.Tests.Count > 0;
        var several = request.Config.HasSeveralServices;
        IReadOnlyList<WorkflowStep> bring = index == 0
            ?
            [
                new((several ? "Build every service's image" : "Build the image") + (tested ? (several ? " and test each inside itself" : " and test it inside itself") : ""),
                    $"fargo build --env {name} --version {version}" + request.Pipeline.TestArguments()),
                new(several ? "Push them" : "Push it", $"fargo push --env {name} --version {version}"),
            ]
            : [new($"Promote {(several ? "every service's digest" : "the digest")} from {names[index - 1]} (no rebuild)", $"fargo promote --from {names[index - 1]} --to {name} --version {version} --from-profile {SourceProfile(names[index - 1])}")];
        // [pipeline] infra: the environment's stacks are brought up to fargo.toml right before the deploy, after the
        // changes are printed for the run's log (infra up keeps the image that runs; the deploy then rolls the new one out).
        IReadOnlyList<WorkflowStep> infra = request.Pipeline.Infra
            ?
            [
                new($"Show the infrastructure changes of {name}", $"fargo infra diff --env {name}"),
                new($"Apply the infrastructure of {name}", $"fargo infra up --env {name} --yes"),
            ]
            : [];
        var previous = index == 0 ? null : stages[index - 1];
        return new WorkflowJob(
            Id: name,
            Name: index == 0 ? $"Build, test and deploy to {name}" : $"Promote and deploy to {name}",
            Environment: name,
            GitHubEnvironment: PipelineStages.GitHubEnvironment(names, index),
            Needs: index == 0 ? null : names[index - 1],
            Account: environment.Account!,
            Region: environment.Region!,
            RoleArn: settings.Iam.RoleArn(environment.Region!, environment.Account!, settings.Names.DeployRole),
            ConcurrencyGroup: $"fargo-{settings.App}-{name}",
            Steps: [.. bring, .. infra, new(several ? $"Deploy every service to {name} (called ones first)" : $"Deploy to {name}", $"fargo deploy --env {name} --version {version} --yes")],
            Source: previous is null
                ? null
                : new PromoteSource(
                    previous.Environment.Name,
                    previous.Environment.Region!,
                    previous.Iam.RoleArn(previous.Environment.Region!, previous.Environment.Account!, previous.Names.ReadRole),
                    SourceProfile(previous.Environment.Name)));
    }

    private static void Header(YamlText yaml, GitHubWorkflowRequest request, List<WorkflowJob> jobs)
    {
        var flow = string.Join(" -> ", jobs.Select(j => j.Environment));
        var first = jobs[0].Environment;
        var several = request.Config.HasSeveralServices;
        var later = jobs.Count > 1
            ? (several ? " Every later stage promotes those very digests (no rebuild) and deploys them; the last one waits for" : " Every later stage promotes that very digest (no rebuild) and deploys it; the last one waits for")
            : " With a single stage nothing waits for a person's approval: add a later stage to [pipeline]";
        string[] images = several
            ?
            [
                $"Services: {string.Join(", ", request.Config.ServiceNames)}. Every job works on all of them (no --service), each image",
                "in its service's own repository, and deploys them called services first.",
                $"One image per service, built once: a push to {request.Pipeline.Branch} builds the images, tests each inside itself,",
                $"pushes them and deploys them to {first}.",
                later.TrimStart(),
            ]
            :
            [
                $"One image, built once: a push to {request.Pipeline.Branch} builds the image, tests it inside itself, pushes it and",
                $"deploys it to {first}." + later,
            ];
        yaml.Comment(
        [
            $"Generated by `fargo pipeline github` (Fargo {request.FargoVersion}) for {request.Config.Name}: {flow}.",
            "It is yours to edit; `fargo pipeline github --force` writes it anew from fargo.toml.",
            "",
            .. images,
            jobs.Count > 1
                ? $"a person's approval in the protected `{PipelineStages.ProtectedEnvironment}` GitHub environment."
                : $"stages (it runs in the protected `{PipelineStages.ProtectedEnvironment}` environment), or protect the `{first}` environment.",
            "",
            "No AWS keys are stored in GitHub: each job trades GitHub's OIDC token for its environment's deploy role",
            $"(<name>-<env>-deploy), which trusts only repo:{request.Repository}:environment:<the job's GitHub environment>.",
            "A later stage also reads the previous environment (what runs there, its image) through that environment's",
            "read-only role (<name>-<env>-read), which trusts only the later stage's deploy role.",
            "`fargo infra up --env ENV --oidc` creates the OIDC provider and these roles in each environment's account.",
        ]);
        yaml.Blank();
    }

    private static void Triggers(YamlText yaml, string branch) =>
        yaml.Map("on", on => on
                .Map("push", push => push.List("branches", [BranchFilter(branch)]))
                .Comment($"Pull requests into {branch} are built and tested by the {PullRequestJob} job only: nothing is pushed or deployed.")
                .Map("pull_request", pr => pr.List("branches", [BranchFilter(branch)]))
                .Comment("Also by hand, from the Actions tab (e.g. to deploy again after fixing an environment).")
                .Map("workflow_dispatch", _ => { }))
            .Blank();

    /// <summary>
    /// The pull request's check: the first stage's image built as a push would build it, and [pipeline] test run inside it.
    /// Its token may only read the code (no id-token: no AWS role can be assumed), and nothing leaves the runner.
    /// </summary>
    private static void WritePullRequestJob(YamlText yaml, GitHubWorkflowRequest request, ServiceSettings first)
    {
        var tested = request.Pipeline.Tests.Count > 0;
        yaml.Map(PullRequestJob, j =>
        {
            j.Pair("name", tested ? "Pull request: build the image and test it inside itself" : "Pull request: build the image")
                .Comment("Pull requests only; the deploy jobs below run on pushes to the branch.")
                .Pair("if", "github.event_name == 'pull_request'")
                .Pair("runs-on", "ubuntu-latest", "has Docker, which builds the image")
                .Comment("No id-token: this job cannot assume any AWS role, whoever opened the pull request.")
                .Map("permissions", p => p.Pair("contents", "read"));
            if (request.WorkingDirectory.Length > 0)
            {
                j.Map("defaults", d => d.Map("run", r => r.Pair("working-directory", Expressionless(request.WorkingDirectory))));
            }

            if (tested)
            {
                j.Map("env", e => TestVariables(e, request.Pipeline));
            }

            j.Map("steps", steps =>
            {
                CommonSteps(steps, request.Config.ServicesIn(first.Environment.Name), isFirst: true);
                var what = request.Config.HasSeveralServices ? "Build every service's image" + (tested ? " and test each inside itself" : "") : "Build the image" + (tested ? " and test it inside itself" : "");
                steps.Item(s => s
                    .Pair("name", what + " (not pushed)")
                    .Pair("run", $"fargo build --env {first.Environment.Name} --version \"${VersionVariable}\"" + request.Pipeline.TestArguments()));
                if (request.Pipeline.Infra)
                {
                    // No AWS credentials here, so no diff against the live stacks (the stage jobs print it before applying):
                    // synthesis is offline and still catches a fargo.toml the stacks cannot be made from.
                    steps.Item(s => s
                        .Pair("name", "Synthesize every stage's infrastructure (offline; the stage jobs show the diff)")
                        .Pair("run", "fargo infra synth"));
                }
            });
        });
    }

    private static void WriteJob(YamlText yaml, GitHubWorkflowRequest request, ServiceSettings settings, WorkflowJob job, bool isFirst, bool isLast)
    {
        yaml.Map(job.Id, j =>
        {
            j.Pair("name", job.Name);
            if (job.Needs is { } needs)
            {
                j.Pair("needs", needs);
            }
            else
            {
                j.Comment(
                    $"Only pushes to {request.Pipeline.Branch} of {request.Repository} deploy (and manual runs on that branch):",
                    "forks and other branches have no business with the deploy roles. Later stages need this job.")
                    .Pair("if", $"github.repository == '{Quote(request.Repository)}' && github.ref == 'refs/heads/{Quote(request.Pipeline.Branch)}'");
            }

            j.Pair("runs-on", "ubuntu-latest", isFirst ? "has Docker, which builds the image" : null);
            if (isLast && !isFirst)
            {
                j.Comment(
                    $"`{PipelineStages.ProtectedEnvironment}` must be a protected environment: what this job deploys is what users get, so a person",
                    "approves it first. In the repository's Settings -> Environments -> production, add Required reviewers",
                    "(and limit Deployment branches to the pipeline's branch). GitHub creates the environment on the first run",
                    "without protection: set the reviewers before the first push. The deploy role trusts only this environment.");
            }
            else
            {
                j.Comment($"The deploy role of {job.Environment} trusts only this GitHub environment.");
            }

            j.Pair("environment", job.GitHubEnvironment);
            j.Comment(
                "One deploy of an environment at a time: a run that reaches it while another deploys there waits",
                "(GitHub keeps only the newest waiting run) instead of overlapping or cancelling it.")
                .Map("concurrency", c => c.Pair("group", job.ConcurrencyGroup).Flag("cancel-in-progress", false));
            if (request.WorkingDirectory.Length > 0)
            {
                j.Comment("fargo.toml's folder: the fargo commands run beside it.")
                    .Map("defaults", d => d.Map("run", r => r.Pair("working-directory", Expressionless(request.WorkingDirectory))));
            }

            if (isFirst && request.Pipeline.Tests.Count == 0)
            {
                j.Comment("No [pipeline] test in fargo.toml: add test = \"CMD\" (or a list) there to run it inside the built image before anything is pushed.");
            }
            else if (isFirst)
            {
                j.Map("env", e => TestVariables(
                    e.Comment("[pipeline] test: each run inside the built image, as its entry point, in order, before anything is pushed."),
                    request.Pipeline));
            }

            j.Map("steps", steps => Steps(steps, request.Config.ServicesIn(settings.Environment.Name), job, isFirst));
        });
    }

    /// <param name="services">Every service of the stage: an image of any of them for arm64 needs the emulation.</param>
    private static void CommonSteps(YamlText steps, IReadOnlyList<ServiceSettings> services, bool isFirst)
    {
        steps.Item(s => s.Pair("name", "Check out").Uses(PinnedActions.Checkout));
        steps.Item(s => s
            .Pair("name", "Set up .NET (Fargo runs on it)")
            .Uses(PinnedActions.SetupDotnet)
            .Map("with", w => w.Pair("dotnet-version", DotnetVersion)));
        steps.Item(s => s
            .Pair("name", "Install Fargo")
            .Literal("run", [
                "dotnet tool install --global Fargo.Cli --version \"$FARGO_CLI_VERSION\"",
                "echo \"$HOME/.dotnet/tools\" >> \"$GITHUB_PATH\"",
            ]));
        steps.Item(s => s
            .Pair("name", "Version = the commit's 7-character short SHA (the same in every job of a run)")
            .Pair("run", $"echo \"{VersionVariable}=${{GITHUB_SHA::7}}\" >> \"$GITHUB_ENV\""));
        if (isFirst && services.Any(service => service.Resources.Architecture == CpuArchitecture.Arm64))
        {
            steps.Item(s => s
                .Pair("name", "Emulate arm64 (the task runs on linux/arm64; the runner is x86-64)")
                .Uses(PinnedActions.SetupQemu)
                .Map("with", w => w.Pair("platforms", "arm64")));
        }
    }

    private static void Steps(YamlText steps, IReadOnlyList<ServiceSettings> services, WorkflowJob job, bool isFirst)
    {
        CommonSteps(steps, services, isFirst);
        steps.Item(s => s
            .Pair("name", $"Assume the deploy role of {job.Environment} (OIDC, no stored keys)")
            .Uses(PinnedActions.ConfigureAwsCredentials)
            .Map("with", w => w.Pair("role-to-assume", job.RoleArn).Pair("aws-region", job.Region)));

        if (job.Source is { } source)
        {
            // Promote checks that the version is what runs in the previous environment and reads its image there, with
            // that account's read-only role. The profile holds no secret: the AWS SDK assumes the role from the deploy
            // role's credentials in the environment (credential_source), and the read role trusts that deploy role only.
            steps.Item(s => s
                .Pair("name", $"The AWS profile {source.Profile}: {source.Environment}'s read role, assumed from this job's role (no keys written)")
                .Literal("run", [
                    $"aws configure set role_arn {source.ReadRoleArn} --profile {source.Profile}",
                    $"aws configure set credential_source Environment --profile {source.Profile}",
                    $"aws configure set region {source.Region} --profile {source.Profile}",
                ]));
        }

        foreach (var step in job.Steps)
        {
            steps.Item(s => s.Pair("name", step.Title).Pair("run", step.Command));
        }
    }

    /// <summary>[pipeline] test's commands as the job's plain variables, which `fargo build --test "$VAR"` reads.</summary>
    private static YamlText TestVariables(YamlText env, PipelineSettings pipeline)
    {
        foreach (var test in pipeline.TestVariables())
        {
            env.Pair(test.Variable, Expressionless(test.Command));
        }

        return env;
    }

    /// <summary>The AWS profile through which a later stage reads the previous environment (its read-only role).</summary>
    private static string SourceProfile(string environment) => $"fargo-{environment}-read";

    private static YamlText Uses(this YamlText yaml, PinnedAction action) => yaml.Pair("uses", action.Uses, action.Version);

    /// <summary>A branch as a push filter: GitHub's filter patterns give '*', '?', '+', '[' and '!' a meaning, and '\' escapes them.</summary>
    private static string BranchFilter(string branch) => FilterCharacters().Replace(branch, @"\$0");

    /// <summary>Text inside a single-quoted string of a GitHub expression.</summary>
    private static string Quote(string text) => text.Replace("'", "''", StringComparison.Ordinal);

    /// <summary>
    /// Text from fargo.toml as GitHub reads it literally: GitHub evaluates "${{" in any value, so it is written
    /// as an expression that yields "${{".
    /// </summary>
    private static string Expressionless(string text) => text.Replace("${{", "${{ '${{' }}", StringComparison.Ordinal);

    [GeneratedRegex(@"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PackageVersion();

    [GeneratedRegex(@"[*?+\[!]", RegexOptions.CultureInvariant)]
    private static partial Regex FilterCharacters();
}

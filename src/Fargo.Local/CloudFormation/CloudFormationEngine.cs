using System.Text.Json.Nodes;
using Fargo.Local.Api;
using Fargo.Local.CloudFormation.Resources;
using Fargo.Local.CloudFormation.Template;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.CloudFormation;

/// <summary>What a CreateStack, UpdateStack or change set submits.</summary>
internal sealed record StackSubmission(
    string StackName,
    string? TemplateBody,
    bool UsePreviousTemplate,
    IReadOnlyList<SubmittedParameter> Parameters,
    IReadOnlyList<StackTagRecord>? Tags,
    IReadOnlyList<string> Capabilities,
    bool DisableRollback);

internal sealed record SubmittedParameter(string Key, string? Value, bool UsePreviousValue);

/// <summary>A template checked and bound to its parameters: what an operation will make.</summary>
internal sealed record PreparedTemplate(
    string Body,
    StackTemplate Template,
    IReadOnlyDictionary<string, string> ParameterValues,
    IReadOnlyDictionary<string, bool> Conditions,
    IReadOnlyDictionary<string, TemplateResource> Resources,
    IReadOnlyDictionary<string, IReadOnlySet<string>> Dependencies)
{
    public List<StackParameterRecord> ParameterRecords() =>
        ParameterValues.Select(p => new StackParameterRecord(p.Key, p.Value, Template.Parameters[p.Key].NoEcho)).ToList();
}

/// <summary>
/// The local region's CloudFormation: stacks, their events, change sets and exports. Operations answer at once
/// and run in the background, as on AWS (clients poll DescribeStacks); resources are made in dependency order,
/// independent ones in parallel, through <see cref="ResourceHandlers"/> that call the services' own operations.
/// </summary>
internal sealed partial class CloudFormationEngine : IAsyncDisposable
{
    private readonly CloudFormationStore _store;
    private readonly ResourceHandlers _handlers;
    private readonly Func<string, string> _dynamicReferences;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StackRecord> _stacks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChangeSetRecord> _changeSets = new(StringComparer.Ordinal);
    private readonly List<Task> _operations = [];
    private readonly CancellationTokenSource _stopping = new();

    public CloudFormationEngine(CloudFormationStore store, ResourceHandlers handlers, Func<string, string> dynamicReferences, TimeProvider time, ILogger logger)
    {
        _store = store;
        _handlers = handlers;
        _dynamicReferences = dynamicReferences;
        _time = time;
        _logger = logger;
        foreach (var stack in store.LoadStacks())
        {
            _stacks[stack.StackId] = stack;
            if (stack.Status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal) && stack.Status != "REVIEW_IN_PROGRESS")
            {
                // The engine stopped in the middle of an operation: nothing carries it on, so it ends failed, and says why.
                var failed = InterruptedStatus(stack.Status);
                stack.Status = failed;
                stack.StatusReason = "The local region stopped while this operation was in progress.";
                _store.Save(stack, StackEvent(stack, failed, stack.StatusReason));
            }
        }

        foreach (var changeSet in store.LoadChangeSets())
        {
            _changeSets[changeSet.ChangeSetId] = changeSet;
        }
    }

    public string Region { get; init; } = LocalRegionConstants.Region;

    public string Account { get; init; } = LocalRegionConstants.Account;

    /// <summary>Checks a template's format and references, as ValidateTemplate does.</summary>
    public static StackTemplate Validate(string body)
    {
        var template = StackTemplate.Parse(body);
        TemplateValidator.Validate(template);
        return template;
    }

    public string CreateStack(StackSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        lock (_gate)
        {
            if (ActiveByName(submission.StackName) is not null)
            {
                throw new LocalServiceException("AlreadyExistsException", $"Stack [{submission.StackName}] already exists");
            }

            CheckStackName(submission.StackName);
            var prepared = Prepare(submission, null);
            CheckCapabilities(prepared, submission.Capabilities);
            var stack = NewStack(submission, prepared);
            stack.Status = "CREATE_IN_PROGRESS";
            _stacks[stack.StackId] = stack;
            _store.Save(stack, StackEvent(stack, "CREATE_IN_PROGRESS", "User Initiated"));
            Start(() => CreateAsync(stack, prepared));
            return stack.StackId;
        }
    }

    public string UpdateStack(StackSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        lock (_gate)
        {
            var stack = Require(submission.StackName);
            CheckUpdatable(stack);
            var prepared = Prepare(submission, stack);
            CheckCapabilities(prepared, submission.Capabilities);
            if (!HasChangesOrRefuse(stack, prepared, submission))
            {
                throw Validation("No updates are to be performed.");
            }

            BeginUpdate(stack, prepared, submission);
            return stack.StackId;
        }
    }

    public void DeleteStack(string nameOrId)
    {
        lock (_gate)
        {
            var stack = Find(nameOrId);
            if (stack is null || stack.IsDeleted || stack.Status == "DELETE_IN_PROGRESS")
            {
                return;
            }

            if (stack.Status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal) && stack.Status != "REVIEW_IN_PROGRESS")
            {
                throw Validation($"Stack [{stack.StackName}] cannot be deleted while in status {stack.Status}");
            }

            stack.Status = "DELETE_IN_PROGRESS";
            stack.StatusReason = "User Initiated";
            _store.Save(stack, StackEvent(stack, "DELETE_IN_PROGRESS", "User Initiated"));
            Start(() => DeleteAsync(stack));
        }
    }

    /// <summary>Stacks by name or id; all live stacks when none is named. A deleted stack is found by its id only.</summary>
    public List<StackRecord> DescribeStacks(string? nameOrId)
    {
        lock (_gate)
        {
            if (nameOrId is null)
            {
                return _stacks.Values.Where(s => !s.IsDeleted).OrderByDescending(s => s.CreationTime).Select(Snapshot).ToList();
            }

            return [Snapshot(Require(nameOrId))];
        }
    }

    public List<StackEventRecord> DescribeStackEvents(string nameOrId)
    {
        // Under the gate like every other use of the store: it shares one SQLite connection with the writers,
        // and a read issued while a stack operation holds a transaction on it fails.
        lock (_gate)
        {
            return _store.Events(Require(nameOrId).StackId);
        }
    }

    public (StackRecord Stack, StackResourceRecord Resource) DescribeStackResource(string nameOrId, string logicalId)
    {
        lock (_gate)
        {
            var stack = Snapshot(Require(nameOrId));
            return stack.Resources.TryGetValue(logicalId, out var resource)
                ? (stack, resource)
                : throw Validation($"Resource {logicalId} does not exist for stack {stack.StackName}");
        }
    }

    /// <summary>The resources of a stack, or of the stack that owns <paramref name="physicalId"/>.</summary>
    public (StackRecord Stack, List<StackResourceRecord> Resources) DescribeStackResources(string? nameOrId, string? logicalId, string? physicalId)
    {
        lock (_gate)
        {
            StackRecord stack;
            if (nameOrId is not null)
            {
                stack = Snapshot(Require(nameOrId));
            }
            else if (physicalId is not null)
            {
                stack = Snapshot(_stacks.Values.FirstOrDefault(s => !s.IsDeleted && s.Resources.Values.Any(r => r.PhysicalId == physicalId))
                    ?? throw Validation($"Stack for {physicalId} does not exist"));
            }
            else
            {
                throw Validation("Either StackName or PhysicalResourceId must be specified.");
            }

            var resources = stack.Resources.Values
                .Where(r => logicalId is null || r.LogicalId == logicalId)
                .Where(r => physicalId is null || r.PhysicalId == physicalId)
                .OrderBy(r => r.LogicalId, StringComparer.Ordinal)
                .ToList();
            return (stack, resources);
        }
    }

    public string GetTemplate(string nameOrId, string? changeSetName)
    {
        lock (_gate)
        {
            if (changeSetName is not null)
            {
                return FindChangeSet(changeSetName, nameOrId).TemplateBody;
            }

            return Require(nameOrId).TemplateBody;
        }
    }

    /// <summary>Every export of the account and region: (name, value, exporting stack id).</summary>
    public List<(string Name, string Value, string StackId)> Exports()
    {
        lock (_gate)
        {
            return _stacks.Values
                .Where(s => !s.IsDeleted)
                .SelectMany(s => s.Outputs.Where(o => o.ExportName is not null).Select(o => (o.ExportName!, o.Value, s.StackId)))
                .OrderBy(e => e.Item1, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>The names of the stacks that import <paramref name="exportName"/>.</summary>
    public List<string> Importers(string exportName)
    {
        lock (_gate)
        {
            if (!_stacks.Values.Any(s => !s.IsDeleted && s.Outputs.Any(o => o.ExportName == exportName)))
            {
                throw Validation($"Export '{exportName}' is not exported by any stack");
            }

            return ImportersLocked(exportName);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] running;
        lock (_gate)
        {
            running = [.. _operations];
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stopping.Dispose();
        _store.Dispose();
    }

    /// <summary>Waits until no stack operation runs (tests, and an orderly engine stop).</summary>
    public async Task WaitIdleAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_gate)
            {
                running = [.. _operations];
            }

            if (running.Length == 0)
            {
                return;
            }

            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    private List<string> ImportersLocked(string exportName) =>
        _stacks.Values.Where(s => !s.IsDeleted && s.Imports.Contains(exportName)).Select(s => s.StackName).Order(StringComparer.Ordinal).ToList();

    private void Start(Func<Task> operation)
    {
        Task? task = null;
        task = Task.Run(async () =>
        {
            try
            {
                await operation().ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogOperationFailed(_logger, e);
            }
            finally
            {
                lock (_gate)
                {
                    _operations.Remove(task!);
                }
            }
        });
        _operations.Add(task);
    }

    private PreparedTemplate Prepare(StackSubmission submission, StackRecord? existing)
    {
        var body = submission.UsePreviousTemplate
            ? existing?.TemplateBody ?? throw Validation("UsePreviousTemplate can only be used with an existing stack")
            : submission.TemplateBody ?? throw Validation("Either Template URL or Template Body must be specified.");
        return Prepare(body, submission.StackName, existing?.StackId ?? "", submission.Parameters, existing);
    }

    private PreparedTemplate Prepare(string body, string stackName, string stackId, IReadOnlyList<SubmittedParameter> parameters, StackRecord? existing)
    {
        try
        {
            var template = StackTemplate.Parse(body);
            var dependencies = TemplateValidator.Validate(template);
            var given = parameters.Where(p => !p.UsePreviousValue && p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);
            var usePrevious = parameters.Where(p => p.UsePreviousValue).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            var previous = existing?.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            var values = TemplateValidator.BindParameters(template, given, previous, usePrevious);
            var scope = Scope(template, values, new Dictionary<string, bool>(), stackName, stackId, _ => null, allowPending: true);
            var conditions = TemplateEvaluator.EvaluateConditions(template.Conditions, scope);
            var active = template.Resources.Values
                .Where(r => r.Condition is null || conditions[r.Condition])
                .ToDictionary(r => r.LogicalId, StringComparer.Ordinal);
            var activeDependencies = active.Keys.ToDictionary(
                id => id,
                id => (IReadOnlySet<string>)dependencies[id].Where(active.ContainsKey).ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);
            foreach (var resource in active.Values)
            {
                foreach (var dependency in resource.DependsOn.Where(d => !active.ContainsKey(d)))
                {
                    throw new TemplateException($"Template format error: Unresolved resource dependencies [{dependency}] in the Resources block of the template");
                }
            }

            return new PreparedTemplate(body, template, values, conditions, active, activeDependencies);
        }
        catch (TemplateException e)
        {
            throw Validation(e.Message);
        }
    }

    private static readonly string[] NamedIamProperties = ["RoleName", "ManagedPolicyName", "UserName", "GroupName", "InstanceProfileName"];

    /// <summary>CAPABILITY_IAM for IAM resources, CAPABILITY_NAMED_IAM when one of them is custom-named.</summary>
    internal static List<string> RequiredCapabilities(StackTemplate template)
    {
        var iam = template.Resources.Values.Where(r => r.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal)).ToList();
        if (iam.Count == 0)
        {
            return [];
        }

        return iam.Any(r => NamedIamProperties.Any(r.Properties.ContainsKey)) ? ["CAPABILITY_NAMED_IAM"] : ["CAPABILITY_IAM"];
    }

    /// <summary>As on AWS, a template with IAM resources needs the caller to acknowledge them.</summary>
    private static void CheckCapabilities(PreparedTemplate prepared, IReadOnlyList<string> given)
    {
        foreach (var required in RequiredCapabilities(prepared.Template))
        {
            if (!given.Contains(required) && !(required == "CAPABILITY_IAM" && given.Contains("CAPABILITY_NAMED_IAM")))
            {
                throw new LocalServiceException("InsufficientCapabilitiesException", $"Requires capabilities : [{required}]");
            }
        }
    }

    internal EvaluationScope Scope(
        StackTemplate template,
        IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, bool> conditions,
        string stackName,
        string stackId,
        Func<string, ResourceValues?> resources,
        bool allowPending,
        IReadOnlySet<string>? resourceIds = null) => new()
        {
            Parameters = parameters.ToDictionary(p => p.Key, p => TemplateValidator.Typed(template.Parameters[p.Key], p.Value), StringComparer.Ordinal),
            AccountId = Account,
            Region = Region,
            StackName = stackName,
            StackId = stackId,
            Mappings = template.Mappings,
            Conditions = conditions,
            Resource = resources,
            Import = ImportValue,
            DynamicReference = reference => "{{resolve:" + reference + "}}",
            AllowPending = allowPending,
            ResourceIds = resourceIds ?? template.Resources.Keys.ToHashSet(StringComparer.Ordinal),
        };

    private string? ImportValue(string name)
    {
        lock (_gate)
        {
            return _stacks.Values.Where(s => !s.IsDeleted).SelectMany(s => s.Outputs).FirstOrDefault(o => o.ExportName == name)?.Value;
        }
    }

    private StackRecord NewStack(StackSubmission submission, PreparedTemplate prepared) => new()
    {
        StackId = $"arn:aws:cloudformation:{Region}:{Account}:stack/{submission.StackName}/{Guid.NewGuid()}",
        StackName = submission.StackName,
        Status = "REVIEW_IN_PROGRESS",
        CreationTime = _time.GetUtcNow(),
        TemplateBody = prepared.Body,
        Description = prepared.Template.Description,
        Parameters = prepared.ParameterRecords(),
        Tags = submission.Tags?.ToList() ?? [],
        Capabilities = submission.Capabilities.ToList(),
        DisableRollback = submission.DisableRollback,
    };

    private static void CheckStackName(string name)
    {
        if (name.Length is 0 or > 128 || !char.IsAsciiLetter(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw Validation($"1 validation error detected: Value '{name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
        }
    }

    private static void CheckUpdatable(StackRecord stack)
    {
        if (stack.Status is "CREATE_COMPLETE" or "UPDATE_COMPLETE" or "UPDATE_ROLLBACK_COMPLETE" or "IMPORT_COMPLETE")
        {
            return;
        }

        throw Validation($"Stack:{stack.StackId} is in {stack.Status} state and can not be updated.");
    }

    private StackRecord? ActiveByName(string name) => _stacks.Values.FirstOrDefault(s => s.StackName == name && !s.IsDeleted);

    private StackRecord? Find(string nameOrId) =>
        nameOrId.StartsWith("arn:", StringComparison.Ordinal) ? _stacks.GetValueOrDefault(nameOrId) : ActiveByName(nameOrId);

    private StackRecord Require(string nameOrId) => Find(nameOrId) ?? throw Validation($"Stack with id {nameOrId} does not exist");

    /// <summary>A deep copy for answering outside the lock while an operation changes the record.</summary>
    private static StackRecord Snapshot(StackRecord stack) =>
        System.Text.Json.JsonSerializer.Deserialize(
            System.Text.Json.JsonSerializer.Serialize(stack, CloudFormationStateJsonContext.Default.StackRecord),
            CloudFormationStateJsonContext.Default.StackRecord)!;

    internal static LocalServiceException Validation(string message) => new("ValidationError", message);

    private static string InterruptedStatus(string status) => status switch
    {
        "CREATE_IN_PROGRESS" => "CREATE_FAILED",
        "ROLLBACK_IN_PROGRESS" => "ROLLBACK_FAILED",
        "DELETE_IN_PROGRESS" => "DELETE_FAILED",
        "UPDATE_IN_PROGRESS" or "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS" => "UPDATE_FAILED",
        _ => "UPDATE_ROLLBACK_FAILED",
    };

    private StackEventRecord StackEvent(StackRecord stack, string status, string? reason) =>
        new(stack.StackId, Guid.NewGuid().ToString(), stack.StackName, stack.StackName, stack.StackId, "AWS::CloudFormation::Stack", _time.GetUtcNow(), status, reason, null);

    private StackEventRecord ResourceEvent(StackRecord stack, StackResourceRecord resource, string status, string? reason) =>
        new(stack.StackId, $"{resource.LogicalId}-{Guid.NewGuid()}", stack.StackName, resource.LogicalId, resource.PhysicalId ?? "", resource.Type,
            _time.GetUtcNow(), status, reason, resource.Properties.Count == 0 ? null : resource.Properties.ToJsonString());

    [LoggerMessage(Level = LogLevel.Error, Message = "A CloudFormation stack operation failed unexpectedly")]
    private static partial void LogOperationFailed(ILogger logger, Exception exception);
}

using Fargo.Aws;
using Fargo.Aws.CloudFormation;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Stacks;

/// <summary>A template to deploy as a stack: its name, body, parameter values and the capabilities it needs.</summary>
public sealed record StackDeployment(
    string StackName,
    string TemplateBody,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<string> Capabilities,
    IReadOnlyDictionary<string, string>? Tags = null);

/// <summary>What a stack deploy or delete did.</summary>
public enum StackOutcome
{
    Created,
    Updated,

    /// <summary>The change set "didn't contain changes": the stack already is what the template says.</summary>
    Unchanged,
    Deleted,

    /// <summary>Delete of a stack that does not exist.</summary>
    Absent,
}

/// <summary>What a deploy of a stack would do: create it, or these resource changes (none: nothing to do).</summary>
public sealed record StackPlan(string StackName, bool Creates, IReadOnlyList<ResourceChange> Changes);

/// <summary>The end of a stack operation: the outcome, the stack's outputs (deploys) and the changes the change set listed.</summary>
public sealed record StackResult(string StackName, StackOutcome Outcome, IReadOnlyDictionary<string, string> Outputs, IReadOnlyList<ResourceChange> Changes);

/// <summary>A stack operation failed; <see cref="DeployException.Hint"/> carries the failed resources' reasons from the events.</summary>
public sealed class StackDeployException(string message, IReadOnlyList<string> reasons)
    : DeployException(message, reasons.Count == 0 ? null : string.Join(Environment.NewLine, reasons))
{
    public IReadOnlyList<string> Reasons { get; } = reasons;
}

/// <summary>
/// Deploys templates as CloudFormation stacks, as `aws cloudformation deploy` does: a change set (CREATE for a new
/// stack, UPDATE otherwise), waited for; one that "didn't contain changes" is deleted and counts as nothing to do;
/// otherwise it is executed and the stack waited for, each new stack event reported as it happens. A failure's reasons
/// are the events' ResourceStatusReason of the resources that failed. Used for the local region (`fargo up`,
/// `fargo infra … --env local`), whose CloudFormation has no CDK bootstrap buckets; on AWS `fargo infra` goes through
/// the CDK toolkit.
/// </summary>
public sealed class StackDeployer(ICloudFormationApi cloudFormation, IClock clock)
{
    /// <summary>How often the change set and the stack are looked at while CloudFormation works.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a stack operation may take before Fargo stops waiting (the stack carries on).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    public async Task<StackResult> DeployAsync(StackDeployment deployment, IProgress<StackEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var existing = await FindAsync(deployment.StackName, cancellationToken).ConfigureAwait(false);
        if (existing?.StackStatus == StackStatus.RollbackComplete)
        {
            // A stack whose creation rolled back can only be deleted (CloudFormation refuses an update): start over.
            await DeleteAsync(deployment.StackName, progress, cancellationToken).ConfigureAwait(false);
            existing = null;
        }

        var creating = existing is null || existing.StackStatus == StackStatus.ReviewInProgress;
        var (changeSetId, changeSet) = await CreateChangeSetAsync(deployment, creating, cancellationToken).ConfigureAwait(false);
        if (changeSet is null)
        {
            var current = await FindAsync(deployment.StackName, cancellationToken).ConfigureAwait(false);
            return new StackResult(deployment.StackName, StackOutcome.Unchanged, OutputsOf(current), []);
        }

        var since = clock.UtcNow;
        await cloudFormation.ExecuteChangeSetAsync(new ExecuteChangeSetRequest { ChangeSetName = changeSetId, StackName = deployment.StackName }, cancellationToken).ConfigureAwait(false);
        var stack = await WaitForStackAsync(changeSet.StackId ?? deployment.StackName, deployment.StackName, since, progress, cancellationToken).ConfigureAwait(false);
        var succeeded = creating ? StackStatus.CreateComplete : StackStatus.UpdateComplete;
        if (stack.StackStatus != succeeded)
        {
            throw new StackDeployException(
                $"Stack {deployment.StackName} {(creating ? "could not be created" : "could not be updated")}: {stack.StackStatus}{(stack.StackStatusReason is { } reason ? $" ({reason})" : "")}",
                await FailureReasonsAsync(changeSet.StackId ?? deployment.StackName, since, cancellationToken).ConfigureAwait(false));
        }

        return new StackResult(deployment.StackName, creating ? StackOutcome.Created : StackOutcome.Updated, OutputsOf(stack), changeSet.Changes?.Select(c => c.ResourceChange).OfType<ResourceChange>().ToList() ?? []);
    }

    /// <summary>What deploying would change: a change set, described and deleted again. Nothing else changes.</summary>
    public async Task<StackPlan> PlanAsync(StackDeployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var existing = await FindAsync(deployment.StackName, cancellationToken).ConfigureAwait(false);
        var creating = existing is null || existing.StackStatus == StackStatus.ReviewInProgress || existing.StackStatus == StackStatus.RollbackComplete;
        if (existing?.StackStatus == StackStatus.RollbackComplete)
        {
            return new StackPlan(deployment.StackName, true, []);
        }

        var (changeSetId, changeSet) = await CreateChangeSetAsync(deployment, creating, cancellationToken).ConfigureAwait(false);
        if (changeSet is null)
        {
            return new StackPlan(deployment.StackName, false, []);
        }

        await cloudFormation.DeleteChangeSetAsync(new DeleteChangeSetRequest { ChangeSetName = changeSetId, StackName = deployment.StackName }, cancellationToken).ConfigureAwait(false);
        return new StackPlan(deployment.StackName, creating, changeSet.Changes?.Select(c => c.ResourceChange).OfType<ResourceChange>().ToList() ?? []);
    }

    /// <summary>Deletes the stack and waits until it is gone; a stack that does not exist is <see cref="StackOutcome.Absent"/>.</summary>
    public async Task<StackResult> DeleteAsync(string stackName, IProgress<StackEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stackName);
        var existing = await FindAsync(stackName, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return new StackResult(stackName, StackOutcome.Absent, new Dictionary<string, string>(), []);
        }

        var since = clock.UtcNow;
        var id = existing.StackId ?? stackName;
        await cloudFormation.DeleteStackAsync(new DeleteStackRequest { StackName = id }, cancellationToken).ConfigureAwait(false);
        var stack = await WaitForStackAsync(id, stackName, since, progress, cancellationToken).ConfigureAwait(false);
        if (stack.StackStatus != StackStatus.DeleteComplete)
        {
            throw new StackDeployException(
                $"Stack {stackName} could not be deleted: {stack.StackStatus}{(stack.StackStatusReason is { } reason ? $" ({reason})" : "")}",
                await FailureReasonsAsync(id, since, cancellationToken).ConfigureAwait(false));
        }

        return new StackResult(stackName, StackOutcome.Deleted, new Dictionary<string, string>(), []);
    }

    /// <summary>The stack by name, or null when CloudFormation says it does not exist (or only its deleted remains).</summary>
    public async Task<Stack?> FindAsync(string stackName, CancellationToken cancellationToken)
    {
        try
        {
            var stacks = await cloudFormation.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName }, cancellationToken).ConfigureAwait(false);
            var stack = stacks.Stacks is { Count: > 0 } found ? found[0] : null;
            return stack is null || stack.StackStatus == StackStatus.DeleteComplete ? null : stack;
        }
        catch (AwsServiceException e) when (e.Code == "ValidationError" && e.Message.Contains("does not exist", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary>
    /// Creates a change set and waits until it is ready; null as the change set when it "didn't contain changes" (it is
    /// deleted then: nothing to do). Any other failure to create it is an error with CloudFormation's reason.
    /// </summary>
    private async Task<(string Id, DescribeChangeSetResponse? ChangeSet)> CreateChangeSetAsync(StackDeployment deployment, bool creating, CancellationToken cancellationToken)
    {
        var changeSetName = "fargo-" + clock.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = await cloudFormation.CreateChangeSetAsync(new CreateChangeSetRequest
        {
            StackName = deployment.StackName,
            ChangeSetName = changeSetName,
            ChangeSetType = creating ? ChangeSetType.Create : ChangeSetType.Update,
            TemplateBody = deployment.TemplateBody,
            Parameters = [.. deployment.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new Parameter { ParameterKey = p.Key, ParameterValue = p.Value })],
            Capabilities = [.. deployment.Capabilities.Select(Capability.FromWire)],
            Tags = deployment.Tags is null ? null : [.. deployment.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new Tag { Key = t.Key, Value = t.Value })],
            Description = "fargo",
        }, cancellationToken).ConfigureAwait(false);
        var changeSetId = created.Id ?? changeSetName;
        var changeSet = await WaitForChangeSetAsync(deployment.StackName, changeSetId, cancellationToken).ConfigureAwait(false);
        if (changeSet.Status != ChangeSetStatus.Failed)
        {
            return (changeSetId, changeSet);
        }

        if (IsEmpty(changeSet.StatusReason))
        {
            await cloudFormation.DeleteChangeSetAsync(new DeleteChangeSetRequest { ChangeSetName = changeSetId, StackName = deployment.StackName }, cancellationToken).ConfigureAwait(false);
            return (changeSetId, null);
        }

        throw new StackDeployException($"CloudFormation could not create the change set of stack {deployment.StackName}: {changeSet.StatusReason}", []);
    }

    /// <summary>"The submitted information didn't contain changes…" or "No updates are to be performed.": nothing to do.</summary>
    private static bool IsEmpty(string? reason) =>
        reason is not null
        && (reason.Contains("didn't contain changes", StringComparison.Ordinal) || reason.Contains("No updates are to be performed", StringComparison.Ordinal));

    private async Task<DescribeChangeSetResponse> WaitForChangeSetAsync(string stackName, string changeSetId, CancellationToken cancellationToken)
    {
        var deadline = clock.UtcNow + Timeout;
        while (true)
        {
            var described = await cloudFormation.DescribeChangeSetAsync(new DescribeChangeSetRequest { ChangeSetName = changeSetId, StackName = stackName }, cancellationToken).ConfigureAwait(false);
            if (described.Status == ChangeSetStatus.CreateComplete || described.Status == ChangeSetStatus.Failed)
            {
                return described;
            }

            if (clock.UtcNow >= deadline)
            {
                throw new StackDeployException($"The change set of stack {stackName} was not ready within {Timeout.TotalMinutes:0} minutes (it is {described.Status}).", []);
            }

            await clock.DelayAsync(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Stack> WaitForStackAsync(string stackId, string stackName, DateTimeOffset since, IProgress<StackEvent>? progress, CancellationToken cancellationToken)
    {
        var deadline = clock.UtcNow + Timeout;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            await ReportEventsAsync(stackId, since, seen, progress, cancellationToken).ConfigureAwait(false);
            var stacks = (await cloudFormation.DescribeStacksAsync(new DescribeStacksRequest { StackName = stackId }, cancellationToken).ConfigureAwait(false)).Stacks;
            var stack = stacks is { Count: > 0 } ? stacks[0] : throw new StackDeployException($"CloudFormation no longer describes stack {stackName}.", []);
            if (!stack.StackStatus.Value.EndsWith("_IN_PROGRESS", StringComparison.Ordinal))
            {
                await ReportEventsAsync(stackId, since, seen, progress, cancellationToken).ConfigureAwait(false);
                return stack;
            }

            if (clock.UtcNow >= deadline)
            {
                throw new StackDeployException($"Stack {stackName} is still {stack.StackStatus} after {Timeout.TotalMinutes:0} minutes; CloudFormation carries on without Fargo watching.", []);
            }

            await clock.DelayAsync(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The stack's events since the operation began that were not reported yet, oldest first.</summary>
    private async Task ReportEventsAsync(string stackId, DateTimeOffset since, HashSet<string> seen, IProgress<StackEvent>? progress, CancellationToken cancellationToken)
    {
        var fresh = (await EventsSinceAsync(stackId, since, cancellationToken).ConfigureAwait(false)).Where(e => seen.Add(e.EventId)).ToList();
        foreach (var stackEvent in fresh)
        {
            progress?.Report(stackEvent);
        }
    }

    /// <summary>Events newer than <paramref name="since"/>, oldest first (DescribeStackEvents answers newest first).</summary>
    private async Task<List<StackEvent>> EventsSinceAsync(string stackId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var events = new List<StackEvent>();
        string? token = null;
        do
        {
            var page = await cloudFormation.DescribeStackEventsAsync(new DescribeStackEventsRequest { StackName = stackId, NextToken = token }, cancellationToken).ConfigureAwait(false);
            var batch = page.StackEvents ?? [];
            events.AddRange(batch.Where(e => e.Timestamp >= since.AddSeconds(-1)));
            token = batch.Any(e => e.Timestamp < since.AddSeconds(-1)) ? null : page.NextToken;
        }
        while (token is not null);

        events.Reverse();
        return events;
    }

    private async Task<IReadOnlyList<string>> FailureReasonsAsync(string stackId, DateTimeOffset since, CancellationToken cancellationToken) =>
        [.. (await EventsSinceAsync(stackId, since, cancellationToken).ConfigureAwait(false))
            .Where(e => e.ResourceStatus?.Value.EndsWith("_FAILED", StringComparison.Ordinal) == true && e.LogicalResourceId != e.StackName
                && !string.IsNullOrWhiteSpace(e.ResourceStatusReason) && !e.ResourceStatusReason!.StartsWith("Resource creation cancelled", StringComparison.Ordinal))
            .Select(e => $"{e.LogicalResourceId} ({e.ResourceType}): {e.ResourceStatusReason}")
            .Distinct(StringComparer.Ordinal)];

    private static Dictionary<string, string> OutputsOf(Stack? stack) =>
        (stack?.Outputs ?? []).Where(o => o.OutputKey is not null).ToDictionary(o => o.OutputKey!, o => o.OutputValue ?? "", StringComparer.Ordinal);
}

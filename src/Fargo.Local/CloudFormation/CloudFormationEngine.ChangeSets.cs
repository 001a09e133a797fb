using System.Text.Json.Nodes;
using Fargo.Local.Api;
using Fargo.Local.CloudFormation.Resources;
using Fargo.Local.CloudFormation.Template;

namespace Fargo.Local.CloudFormation;

// Change sets: what an update would do, computed from the submitted template against the stack as it is.
internal sealed partial class CloudFormationEngine
{
    public const string NoChangesReason = "The submitted information didn't contain changes. Submit different information to create a change set.";

    public ChangeSetRecord CreateChangeSet(StackSubmission submission, string changeSetName, string changeSetType, string? description)
    {
        ArgumentNullException.ThrowIfNull(submission);
        lock (_gate)
        {
            var existing = ActiveByName(submission.StackName);
            if (changeSetType == "CREATE")
            {
                if (existing is not null && existing.Status != "REVIEW_IN_PROGRESS")
                {
                    throw Validation($"Stack [{submission.StackName}] already exists and cannot be created again with the changeSet [{changeSetName}].");
                }

                CheckStackName(submission.StackName);
            }
            else if (changeSetType == "UPDATE")
            {
                if (existing is null)
                {
                    throw Validation($"Stack [{submission.StackName}] does not exist");
                }

                if (existing.Status == "REVIEW_IN_PROGRESS")
                {
                    throw Validation($"Stack [{submission.StackName}] does not exist");
                }

                CheckUpdatable(existing);
            }
            else
            {
                throw Validation($"ChangeSetType {changeSetType} is not supported by the local region (CREATE or UPDATE)");
            }

            if (existing is not null && _changeSets.Values.Any(c => c.StackId == existing.StackId && c.ChangeSetName == changeSetName))
            {
                throw new LocalServiceException("AlreadyExistsException", $"ChangeSet [{changeSetName}] already exists");
            }

            var live = existing?.Status == "REVIEW_IN_PROGRESS" ? null : existing;
            var prepared = Prepare(submission, live);
            CheckCapabilities(prepared, submission.Capabilities);
            var stack = existing;
            if (stack is null)
            {
                stack = NewStack(submission, prepared);
                _stacks[stack.StackId] = stack;
                _store.Save(stack, StackEvent(stack, "REVIEW_IN_PROGRESS", "User Initiated"));
            }

            var changeSet = new ChangeSetRecord
            {
                ChangeSetId = $"arn:aws:cloudformation:{Region}:{Account}:changeSet/{changeSetName}/{Guid.NewGuid()}",
                ChangeSetName = changeSetName,
                StackId = stack.StackId,
                StackName = stack.StackName,
                ChangeSetType = changeSetType,
                CreationTime = _time.GetUtcNow(),
                Description = description,
                TemplateBody = prepared.Body,
                Parameters = prepared.ParameterRecords(),
                Tags = submission.Tags?.ToList() ?? stack.Tags,
                Capabilities = submission.Capabilities.ToList(),
            };
            try
            {
                changeSet.Changes = ComputeChanges(live, prepared, stack.StackName, stack.StackId);
                if (live is not null && !HasChanges(live, prepared, submission, changeSet.Changes))
                {
                    changeSet.Status = "FAILED";
                    changeSet.StatusReason = NoChangesReason;
                }
                else
                {
                    changeSet.Status = "CREATE_COMPLETE";
                    changeSet.ExecutionStatus = "AVAILABLE";
                }
            }
            catch (TemplateException e)
            {
                changeSet.Status = "FAILED";
                changeSet.StatusReason = e.Message;
            }

            _changeSets[changeSet.ChangeSetId] = changeSet;
            _store.SaveChangeSet(changeSet);
            return changeSet;
        }
    }

    public ChangeSetRecord DescribeChangeSet(string changeSetName, string? stackName)
    {
        lock (_gate)
        {
            return FindChangeSet(changeSetName, stackName);
        }
    }

    public List<ChangeSetRecord> ListChangeSets(string stackName)
    {
        lock (_gate)
        {
            var stack = Require(stackName);
            return _changeSets.Values.Where(c => c.StackId == stack.StackId).OrderBy(c => c.CreationTime).ToList();
        }
    }

    public void DeleteChangeSet(string changeSetName, string? stackName)
    {
        lock (_gate)
        {
            var changeSet = FindChangeSet(changeSetName, stackName);
            if (changeSet.ExecutionStatus == "EXECUTE_IN_PROGRESS")
            {
                throw new LocalServiceException("InvalidChangeSetStatus", $"Cannot delete ChangeSet in status {changeSet.ExecutionStatus}");
            }

            _changeSets.Remove(changeSet.ChangeSetId);
            _store.DeleteChangeSet(changeSet.ChangeSetId);
        }
    }

    public void ExecuteChangeSet(string changeSetName, string? stackName, bool? disableRollback)
    {
        lock (_gate)
        {
            var changeSet = FindChangeSet(changeSetName, stackName);
            if (changeSet.ExecutionStatus != "AVAILABLE")
            {
                throw new LocalServiceException("InvalidChangeSetStatus", $"ChangeSet [{changeSet.ChangeSetId}] cannot be executed in its current execution status of [{changeSet.ExecutionStatus}]");
            }

            var stack = _stacks[changeSet.StackId];
            var submission = new StackSubmission(
                stack.StackName,
                changeSet.TemplateBody,
                false,
                changeSet.Parameters.Select(p => new SubmittedParameter(p.Key, p.Value, false)).ToList(),
                changeSet.Tags,
                changeSet.Capabilities,
                disableRollback ?? false);
            if (changeSet.ChangeSetType == "CREATE")
            {
                if (stack.Status != "REVIEW_IN_PROGRESS")
                {
                    throw new LocalServiceException("InvalidChangeSetStatus", $"ChangeSet [{changeSet.ChangeSetId}] cannot be executed: stack {stack.StackName} is in {stack.Status}");
                }

                var prepared = Prepare(submission, null);
                stack.DisableRollback = submission.DisableRollback;
                stack.TemplateBody = prepared.Body;
                stack.Description = prepared.Template.Description;
                stack.Parameters = prepared.ParameterRecords();
                stack.Tags = submission.Tags?.ToList() ?? [];
                stack.ChangeSetId = changeSet.ChangeSetId;
                MarkExecuting(stack, changeSet);
                Transition(stack, "CREATE_IN_PROGRESS", "User Initiated");
                Start(async () =>
                {
                    await CreateAsync(stack, prepared).ConfigureAwait(false);
                    FinishExecution(changeSet, stack);
                });
            }
            else
            {
                CheckUpdatable(stack);
                var prepared = Prepare(submission, stack);
                stack.DisableRollback = submission.DisableRollback;
                stack.ChangeSetId = changeSet.ChangeSetId;
                MarkExecuting(stack, changeSet);
                BeginUpdate(stack, prepared, submission);
                Start(async () =>
                {
                    await WaitForStackAsync(stack).ConfigureAwait(false);
                    FinishExecution(changeSet, stack);
                });
            }
        }
    }

    /// <summary>Executing a change set removes the stack's other change sets, as on AWS.</summary>
    private void MarkExecuting(StackRecord stack, ChangeSetRecord changeSet)
    {
        foreach (var other in _changeSets.Values.Where(c => c.StackId == stack.StackId && c != changeSet).ToList())
        {
            _changeSets.Remove(other.ChangeSetId);
            _store.DeleteChangeSet(other.ChangeSetId);
        }

        changeSet.ExecutionStatus = "EXECUTE_IN_PROGRESS";
        _store.SaveChangeSet(changeSet);
    }

    private void FinishExecution(ChangeSetRecord changeSet, StackRecord stack)
    {
        lock (_gate)
        {
            changeSet.ExecutionStatus = stack.Status is "CREATE_COMPLETE" or "UPDATE_COMPLETE" ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED";
            if (_changeSets.ContainsKey(changeSet.ChangeSetId))
            {
                _store.SaveChangeSet(changeSet);
            }
        }
    }

    private async Task WaitForStackAsync(StackRecord stack)
    {
        while (true)
        {
            lock (_gate)
            {
                if (!stack.Status.EndsWith("_IN_PROGRESS", StringComparison.Ordinal))
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, _stopping.Token).ConfigureAwait(false);
        }
    }

    private ChangeSetRecord FindChangeSet(string changeSetName, string? stackName)
    {
        if (changeSetName.StartsWith("arn:", StringComparison.Ordinal))
        {
            return _changeSets.GetValueOrDefault(changeSetName) ?? throw ChangeSetNotFound(changeSetName);
        }

        var stack = stackName is null ? null : Find(stackName);
        return _changeSets.Values.FirstOrDefault(c => c.ChangeSetName == changeSetName && stack is not null && c.StackId == stack.StackId)
            ?? throw ChangeSetNotFound(changeSetName);
    }

    private static LocalServiceException ChangeSetNotFound(string name) => new("ChangeSetNotFound", $"ChangeSet [{name}] does not exist");

    private bool HasChangesOrRefuse(StackRecord stack, PreparedTemplate prepared, StackSubmission submission)
    {
        try
        {
            return HasChanges(stack, prepared, submission);
        }
        catch (TemplateException e)
        {
            throw Validation(e.Message);
        }
    }

    private bool HasChanges(StackRecord stack, PreparedTemplate prepared, StackSubmission submission, List<ResourceChangeRecord>? changes = null)
    {
        changes ??= ComputeChanges(stack, prepared, stack.StackName, stack.StackId);
        if (changes.Count > 0)
        {
            return true;
        }

        var parameters = prepared.ParameterRecords();
        if (parameters.Count != stack.Parameters.Count || parameters.Any(p => !stack.Parameters.Contains(p)))
        {
            return true;
        }

        if (submission.Tags is not null && !submission.Tags.SequenceEqual(stack.Tags))
        {
            return true;
        }

        // Outputs and the description change without touching a resource: compare them as written.
        var before = StackTemplate.Parse(stack.TemplateBody);
        return !JsonNode.DeepEquals(before.Body["Outputs"], prepared.Template.Body["Outputs"]) || before.Description != prepared.Template.Description;
    }

    /// <summary>
    /// The resource changes of going from <paramref name="stack"/> (null: nothing yet) to the prepared template.
    /// Values that depend on a resource being added or replaced are not known yet: they count as changed, and a
    /// create-only property that changes only through them makes the replacement Conditional, as on AWS.
    /// </summary>
    internal List<ResourceChangeRecord> ComputeChanges(StackRecord? stack, PreparedTemplate prepared, string stackName, string stackId)
    {
        var changes = new List<ResourceChangeRecord>();
        var unknown = new HashSet<string>(StringComparer.Ordinal);
        var current = stack?.Resources ?? new Dictionary<string, StackResourceRecord>(StringComparer.Ordinal);
        var scope = Scope(prepared.Template, prepared.ParameterValues, prepared.Conditions, stackName, stackId,
            id => !unknown.Contains(id) && current.TryGetValue(id, out var r) && r.PhysicalId is not null ? new ResourceValues(r.PhysicalId, r.Attributes) : null,
            allowPending: true,
            prepared.Resources.Keys.ToHashSet(StringComparer.Ordinal));
        foreach (var id in TopologicalOrder(prepared.Dependencies))
        {
            var resource = prepared.Resources[id];
            if (!current.TryGetValue(id, out var old) || old.PhysicalId is null)
            {
                unknown.Add(id);
                changes.Add(new ResourceChangeRecord("Add", id, null, resource.Type, null, [], []));
                continue;
            }

            if (old.Type != resource.Type)
            {
                throw new TemplateException($"Update of resource type is not permitted. The new template modifies resource type of resource {id}.");
            }

            var properties = TemplateEvaluator.Resolve(resource.Properties, scope) as JsonObject ?? [];
            var changed = ChangedProperties(old.Properties, properties);
            if (changed.Count == 0)
            {
                continue;
            }

            var schema = ResourceTypeCatalog.Find(resource.Type)!;
            var details = changed.Select(name =>
            {
                var dynamic = properties[name]?.ToJsonString().Contains(TemplateEvaluator.PendingPrefix, StringComparison.Ordinal) == true;
                var recreation = schema.IsCreateOnly(name) ? (dynamic ? "Conditionally" : "Always") : "Never";
                return new ChangeDetailRecord("Properties", name, recreation, dynamic ? "Dynamic" : "Static", dynamic ? "ResourceReference" : "DirectModification", null);
            }).ToList();
            var replacement = details.Any(d => d.RequiresRecreation == "Always") ? "True" : details.Any(d => d.RequiresRecreation == "Conditionally") ? "Conditional" : "False";
            if (replacement != "False")
            {
                unknown.Add(id);
            }

            changes.Add(new ResourceChangeRecord("Modify", id, old.PhysicalId, resource.Type, replacement, ["Properties"], details));
        }

        foreach (var (id, old) in current.Where(r => !prepared.Resources.ContainsKey(r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            changes.Add(new ResourceChangeRecord("Remove", id, old.PhysicalId, old.Type, null, [], []));
        }

        return changes;
    }

    internal static List<string> TopologicalOrder(IReadOnlyDictionary<string, IReadOnlySet<string>> dependencies)
    {
        var order = new List<string>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (placed.Count < dependencies.Count)
        {
            var ready = dependencies.Keys.Where(id => !placed.Contains(id) && dependencies[id].All(placed.Contains)).Order(StringComparer.Ordinal).ToList();
            if (ready.Count == 0)
            {
                throw new TemplateException($"Circular dependency between resources: [{string.Join(", ", dependencies.Keys.Where(id => !placed.Contains(id)).Order(StringComparer.Ordinal))}]");
            }

            order.AddRange(ready);
            placed.UnionWith(ready);
        }

        return order;
    }
}

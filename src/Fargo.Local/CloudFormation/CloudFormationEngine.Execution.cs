using System.Text.Json.Nodes;
using Fargo.Local.Api;
using Fargo.Local.CloudFormation.Resources;
using Fargo.Local.CloudFormation.Template;

namespace Fargo.Local.CloudFormation;

// Running stack operations: create (with rollback), update (in place or by replacement, with rollback and
// cleanup), delete (in reverse dependency order, honouring DeletionPolicy).
internal sealed partial class CloudFormationEngine
{
    private const string ReplacementReason = "Requested update requires the creation of a new physical resource; hence creating one.";

    private async Task CreateAsync(StackRecord stack, PreparedTemplate prepared)
    {
        var imports = new HashSet<string>(StringComparer.Ordinal);
        var failed = await RunGraphAsync(
            prepared.Resources.Keys,
            id => prepared.Dependencies[id],
            (id, token) => CreateResourceAsync(stack, prepared, prepared.Resources[id], "CREATE", null, imports, token),
            cancelOnFailure: true).ConfigureAwait(false);
        string? outputFailure = null;
        if (failed.Count == 0)
        {
            outputFailure = TryResolveOutputs(stack, prepared, imports);
        }

        lock (_gate)
        {
            stack.Imports = [.. imports];
            if (failed.Count == 0 && outputFailure is null)
            {
                Transition(stack, "CREATE_COMPLETE", null);
                return;
            }

            var reason = outputFailure ?? $"The following resource(s) failed to create: [{string.Join(", ", failed.Order(StringComparer.Ordinal))}]. ";
            if (stack.DisableRollback)
            {
                Transition(stack, "CREATE_FAILED", reason);
                return;
            }

            Transition(stack, "ROLLBACK_IN_PROGRESS", reason + (outputFailure is null ? "Rollback requested by user." : ""));
        }

        var deleteFailures = await DeleteResourcesAsync(stack, stack.Resources.Values.ToList(), r => EffectivePolicy(r.DeletionPolicy, r.Type)).ConfigureAwait(false);
        lock (_gate)
        {
            stack.Outputs = [];
            stack.Imports = [];
            Transition(stack, deleteFailures.Count == 0 ? "ROLLBACK_COMPLETE" : "ROLLBACK_FAILED",
                deleteFailures.Count == 0 ? null : $"The following resource(s) failed to delete: [{string.Join(", ", deleteFailures)}]. ");
        }
    }

    private void BeginUpdate(StackRecord stack, PreparedTemplate prepared, StackSubmission submission)
    {
        var previous = new PreviousState(stack.TemplateBody, stack.Description, stack.Parameters, stack.Outputs, stack.Imports, stack.Tags,
            stack.Resources.ToDictionary(r => r.Key, r => Clone(r.Value), StringComparer.Ordinal));
        stack.TemplateBody = prepared.Body;
        stack.Description = prepared.Template.Description;
        stack.Parameters = prepared.ParameterRecords();
        if (submission.Tags is not null)
        {
            stack.Tags = submission.Tags.ToList();
        }

        stack.Capabilities = submission.Capabilities.ToList();
        stack.LastUpdatedTime = _time.GetUtcNow();
        Transition(stack, "UPDATE_IN_PROGRESS", "User Initiated");
        Start(() => UpdateAsync(stack, prepared, previous));
    }

    private sealed record PreviousState(
        string TemplateBody,
        string? Description,
        List<StackParameterRecord> Parameters,
        List<StackOutputRecord> Outputs,
        List<string> Imports,
        List<StackTagRecord> Tags,
        Dictionary<string, StackResourceRecord> Resources);

    private enum Touch
    {
        Created,
        Replaced,
        Modified,
    }

    private async Task UpdateAsync(StackRecord stack, PreparedTemplate prepared, PreviousState previous)
    {
        var imports = new HashSet<string>(StringComparer.Ordinal);
        var touched = new List<(string Id, Touch Kind)>();
        var failed = await RunGraphAsync(
            prepared.Resources.Keys,
            id => prepared.Dependencies[id],
            async (id, token) =>
            {
                var kind = await UpdateResourceAsync(stack, prepared, prepared.Resources[id], previous.Resources.GetValueOrDefault(id), imports, token).ConfigureAwait(false);
                if (kind is { } k)
                {
                    lock (touched)
                    {
                        touched.Add((id, k));
                    }
                }
            },
            cancelOnFailure: true).ConfigureAwait(false);

        // A resource that failed part-way was touched too: rollback must restore or remove it.
        lock (_gate)
        {
            foreach (var id in failed.Where(f => touched.All(t => t.Id != f)))
            {
                touched.Add((id, previous.Resources.TryGetValue(id, out var before) ? (stack.Resources[id].PhysicalId == before.PhysicalId ? Touch.Modified : Touch.Replaced) : Touch.Created));
            }
        }

        string? outputFailure = null;
        if (failed.Count == 0)
        {
            outputFailure = TryResolveOutputs(stack, prepared, imports);
        }

        if (failed.Count == 0 && outputFailure is null)
        {
            lock (_gate)
            {
                stack.Imports = [.. imports];
                Transition(stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null);
            }

            var obsolete = previous.Resources.Values
                .Where(old => !prepared.Resources.ContainsKey(old.LogicalId) || touched.Any(t => t.Id == old.LogicalId && t.Kind == Touch.Replaced))
                .ToList();
            await DeleteResourcesAsync(stack, obsolete,
                r => prepared.Resources.ContainsKey(r.LogicalId) ? EffectivePolicy(r.UpdateReplacePolicy, r.Type) : EffectivePolicy(r.DeletionPolicy, r.Type),
                keepCurrent: true).ConfigureAwait(false);
            lock (_gate)
            {
                Transition(stack, "UPDATE_COMPLETE", null);
            }

            return;
        }

        lock (_gate)
        {
            var reason = outputFailure ?? $"The following resource(s) failed to update: [{string.Join(", ", failed.Order(StringComparer.Ordinal))}]. ";
            Transition(stack, "UPDATE_ROLLBACK_IN_PROGRESS", reason);
        }

        var rollbackFailed = false;
        var discard = new List<StackResourceRecord>();
        foreach (var (id, kind) in Enumerable.Reverse(touched))
        {
            StackResourceRecord current;
            lock (_gate)
            {
                current = stack.Resources[id];
            }

            if (kind == Touch.Created)
            {
                discard.Add(current);
                continue;
            }

            var old = previous.Resources[id];
            if (kind == Touch.Replaced)
            {
                discard.Add(current);
                lock (_gate)
                {
                    stack.Resources[id] = Clone(old);
                }

                continue;
            }

            try
            {
                lock (_gate)
                {
                    current.Status = "UPDATE_IN_PROGRESS";
                    _store.Save(stack, ResourceEvent(stack, current, "UPDATE_IN_PROGRESS", null));
                }

                var handler = _handlers.For(current.Type);
                var context = new ResourceContext(stack.StackName, stack.StackId, id, current.Type);
                var outcome = await handler.UpdateAsync(context, current.PhysicalId!, ResolveDynamic(current.Properties), ResolveDynamic(old.Properties), _stopping.Token).ConfigureAwait(false);
                await handler.StabilizeAsync(context, outcome.PhysicalId, _stopping.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    var restored = Clone(old);
                    restored.Status = "UPDATE_COMPLETE";
                    restored.Attributes = new(outcome.Attributes, StringComparer.Ordinal);
                    restored.LastUpdated = _time.GetUtcNow();
                    stack.Resources[id] = restored;
                    _store.Save(stack, ResourceEvent(stack, restored, "UPDATE_COMPLETE", null));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                rollbackFailed = true;
                lock (_gate)
                {
                    current.Status = "UPDATE_FAILED";
                    current.StatusReason = FailureMessage(e);
                    _store.Save(stack, ResourceEvent(stack, current, "UPDATE_FAILED", current.StatusReason));
                }
            }
        }

        lock (_gate)
        {
            stack.TemplateBody = previous.TemplateBody;
            stack.Description = previous.Description;
            stack.Parameters = previous.Parameters;
            stack.Outputs = previous.Outputs;
            stack.Imports = previous.Imports;
            stack.Tags = previous.Tags;
            if (rollbackFailed)
            {
                Transition(stack, "UPDATE_ROLLBACK_FAILED", "The rollback could not restore every resource.");
                return;
            }

            Transition(stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null);
        }

        await DeleteResourcesAsync(stack, discard, _ => "Delete", keepCurrent: true).ConfigureAwait(false);
        lock (_gate)
        {
            Transition(stack, "UPDATE_ROLLBACK_COMPLETE", null);
        }
    }

    /// <summary>Brings one resource to its new description: creates it, replaces it, updates it in place, or leaves it. Answers what it did.</summary>
    private async Task<Touch?> UpdateResourceAsync(StackRecord stack, PreparedTemplate prepared, TemplateResource resource, StackResourceRecord? old, ISet<string> imports, CancellationToken cancellationToken)
    {
        if (old?.PhysicalId is null)
        {
            await CreateResourceAsync(stack, prepared, resource, "CREATE", null, imports, cancellationToken).ConfigureAwait(false);
            return Touch.Created;
        }

        JsonObject properties;
        lock (_gate)
        {
            properties = ResolveProperties(stack, prepared, resource, imports);
        }

        var schema = ResourceTypeCatalog.Find(resource.Type)!;
        var changed = ChangedProperties(old.Properties, properties);
        if (old.Type == resource.Type && changed.Count == 0)
        {
            lock (_gate)
            {
                var current = stack.Resources[resource.LogicalId];
                current.DeletionPolicy = resource.DeletionPolicy;
                current.UpdateReplacePolicy = resource.UpdateReplacePolicy;
                current.DependsOn = prepared.Dependencies[resource.LogicalId].ToList();
            }

            return null;
        }

        if (old.Type != resource.Type)
        {
            throw new ResourceFailedException($"Update of resource type is not permitted. The new template modifies resource type of resource {resource.LogicalId}.");
        }

        if (changed.Any(schema.IsCreateOnly))
        {
            if (NameProperty(schema) is { } name && properties[name] is not null && JsonNode.DeepEquals(properties[name], old.Properties[name]))
            {
                lock (_gate)
                {
                    var current = stack.Resources[resource.LogicalId];
                    current.Status = "UPDATE_FAILED";
                    current.StatusReason = $"CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename {TemplateEvaluator.Text(properties[name])} and update the stack again.";
                    _store.Save(stack, ResourceEvent(stack, current, "UPDATE_FAILED", current.StatusReason));
                }

                throw new ResourceFailedException("custom-named resource requires replacing");
            }

            await CreateResourceAsync(stack, prepared, resource, "UPDATE", ReplacementReason, imports, cancellationToken).ConfigureAwait(false);
            return Touch.Replaced;
        }

        StackResourceRecord record;
        lock (_gate)
        {
            record = stack.Resources[resource.LogicalId];
            record.Status = "UPDATE_IN_PROGRESS";
            record.StatusReason = null;
            record.Properties = properties;
            record.DeletionPolicy = resource.DeletionPolicy;
            record.UpdateReplacePolicy = resource.UpdateReplacePolicy;
            record.DependsOn = prepared.Dependencies[resource.LogicalId].ToList();
            _store.Save(stack, ResourceEvent(stack, record, "UPDATE_IN_PROGRESS", null));
        }

        try
        {
            var handler = _handlers.For(resource.Type);
            var context = new ResourceContext(stack.StackName, stack.StackId, resource.LogicalId, resource.Type);
            var outcome = await handler.UpdateAsync(context, old.PhysicalId, ResolveDynamic(old.Properties), ResolveDynamic(properties), cancellationToken).ConfigureAwait(false);
            await handler.StabilizeAsync(context, outcome.PhysicalId, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                record.Attributes = new(outcome.Attributes, StringComparer.Ordinal);
                record.Status = "UPDATE_COMPLETE";
                record.LastUpdated = _time.GetUtcNow();
                _store.Save(stack, ResourceEvent(stack, record, "UPDATE_COMPLETE", outcome.Note));
            }

            return Touch.Modified;
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                record.Status = "UPDATE_FAILED";
                record.StatusReason = e is OperationCanceledException ? "Resource update cancelled" : FailureMessage(e);
                _store.Save(stack, ResourceEvent(stack, record, "UPDATE_FAILED", record.StatusReason));
            }

            throw;
        }
    }

    /// <summary>
    /// Makes a resource: resolves its properties against what exists now, calls its handler, waits for it to be
    /// ready, recording CloudFormation's events on the way. <paramref name="verb"/> is UPDATE for a replacement.
    /// </summary>
    private async Task CreateResourceAsync(StackRecord stack, PreparedTemplate prepared, TemplateResource resource, string verb, string? firstReason, ISet<string> imports, CancellationToken cancellationToken)
    {
        StackResourceRecord record;
        lock (_gate)
        {
            record = new StackResourceRecord
            {
                LogicalId = resource.LogicalId,
                Type = resource.Type,
                Status = verb + "_IN_PROGRESS",
                LastUpdated = _time.GetUtcNow(),
                DeletionPolicy = resource.DeletionPolicy,
                UpdateReplacePolicy = resource.UpdateReplacePolicy,
                Metadata = resource.Metadata?.DeepClone(),
                DependsOn = prepared.Dependencies[resource.LogicalId].ToList(),
            };
            stack.Resources[resource.LogicalId] = record;
            try
            {
                record.Properties = ResolveProperties(stack, prepared, resource, imports);
            }
            catch (Exception e) when (e is TemplateException or ResourceFailedException)
            {
                record.Status = verb + "_FAILED";
                record.StatusReason = e.Message;
                _store.Save(stack, ResourceEvent(stack, record, verb + "_FAILED", e.Message));
                throw;
            }

            _store.Save(stack, ResourceEvent(stack, record, verb + "_IN_PROGRESS", firstReason));
        }

        var handler = _handlers.For(resource.Type);
        var context = new ResourceContext(stack.StackName, stack.StackId, resource.LogicalId, resource.Type);
        try
        {
            var outcome = await handler.CreateAsync(context, ResolveDynamic(record.Properties), cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                record.PhysicalId = outcome.PhysicalId;
                record.Attributes = new(outcome.Attributes, StringComparer.Ordinal);
                _store.Save(stack, ResourceEvent(stack, record, verb + "_IN_PROGRESS", outcome.Note is null ? "Resource creation Initiated" : "Resource creation Initiated. " + outcome.Note));
            }

            await handler.StabilizeAsync(context, outcome.PhysicalId, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                record.Status = verb + "_COMPLETE";
                record.LastUpdated = _time.GetUtcNow();
                _store.Save(stack, ResourceEvent(stack, record, verb + "_COMPLETE", null));
            }
        }
        catch (Exception e)
        {
            lock (_gate)
            {
                record.Status = verb + "_FAILED";
                record.StatusReason = e is OperationCanceledException ? "Resource creation cancelled" : FailureMessage(e);
                _store.Save(stack, ResourceEvent(stack, record, verb + "_FAILED", record.StatusReason));
            }

            throw;
        }
    }

    private async Task DeleteAsync(StackRecord stack)
    {
        List<string> inUse;
        lock (_gate)
        {
            inUse = stack.Outputs.Where(o => o.ExportName is not null)
                .Select(o => (o.ExportName!, ImportersLocked(o.ExportName!).Where(n => n != stack.StackName).ToList()))
                .Where(e => e.Item2.Count > 0)
                .Select(e => $"Export {e.Item1} cannot be deleted as it is in use by {string.Join(", ", e.Item2)}")
                .ToList();
            if (inUse.Count > 0)
            {
                Transition(stack, "DELETE_FAILED", string.Join("; ", inUse));
                return;
            }
        }

        var failures = await DeleteResourcesAsync(stack, stack.Resources.Values.ToList(), r => EffectivePolicy(r.DeletionPolicy, r.Type)).ConfigureAwait(false);
        lock (_gate)
        {
            if (failures.Count > 0)
            {
                Transition(stack, "DELETE_FAILED", $"The following resource(s) failed to delete: [{string.Join(", ", failures)}]. ");
                return;
            }

            stack.DeletionTime = _time.GetUtcNow();
            stack.Outputs = [];
            stack.Imports = [];
            foreach (var changeSet in _changeSets.Values.Where(c => c.StackId == stack.StackId).ToList())
            {
                _changeSets.Remove(changeSet.ChangeSetId);
                _store.DeleteChangeSet(changeSet.ChangeSetId);
            }

            Transition(stack, "DELETE_COMPLETE", null);
        }
    }

    /// <summary>
    /// Deletes resources, each once nothing still standing waits for it, independent ones in parallel. With
    /// <paramref name="keepCurrent"/> the records given are old versions (replaced or removed resources): the
    /// stack's current record of the same logical id stays.
    /// </summary>
    private async Task<List<string>> DeleteResourcesAsync(StackRecord stack, List<StackResourceRecord> resources, Func<StackResourceRecord, string> policy, bool keepCurrent = false)
    {
        var ids = resources.Select(r => r.LogicalId).ToList();
        var byId = resources.ToDictionary(r => r.LogicalId, StringComparer.Ordinal);
        var dependents = ids.ToDictionary(id => id, id => (IReadOnlySet<string>)resources.Where(r => r.DependsOn.Contains(id)).Select(r => r.LogicalId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        return await RunGraphAsync(ids, id => dependents[id], (id, token) => DeleteResourceAsync(stack, byId[id], policy(byId[id]), keepCurrent, token), cancelOnFailure: false).ConfigureAwait(false);
    }

    private async Task DeleteResourceAsync(StackRecord stack, StackResourceRecord resource, string policy, bool keepCurrent, CancellationToken cancellationToken)
    {
        void Forget()
        {
            if (!keepCurrent && stack.Resources.TryGetValue(resource.LogicalId, out var current) && ReferenceEquals(current, resource))
            {
                stack.Resources.Remove(resource.LogicalId);
            }
        }

        if (resource.PhysicalId is null || resource.Status == "DELETE_COMPLETE")
        {
            lock (_gate)
            {
                resource.Status = "DELETE_COMPLETE";
                Forget();
                _store.Save(stack, ResourceEvent(stack, resource, "DELETE_COMPLETE", null));
            }

            return;
        }

        if (policy is "Retain" or "RetainExceptOnCreate" && !(policy == "RetainExceptOnCreate" && stack.Status == "ROLLBACK_IN_PROGRESS"))
        {
            lock (_gate)
            {
                resource.Status = "DELETE_SKIPPED";
                Forget();
                _store.Save(stack, ResourceEvent(stack, resource, "DELETE_SKIPPED", null));
            }

            return;
        }

        lock (_gate)
        {
            resource.Status = "DELETE_IN_PROGRESS";
            _store.Save(stack, ResourceEvent(stack, resource, "DELETE_IN_PROGRESS", null));
        }

        try
        {
            await _handlers.For(resource.Type)
                .DeleteAsync(new ResourceContext(stack.StackName, stack.StackId, resource.LogicalId, resource.Type), resource.PhysicalId, ResolveDynamic(resource.Properties), policy == "Snapshot", cancellationToken)
                .ConfigureAwait(false);
            lock (_gate)
            {
                resource.Status = "DELETE_COMPLETE";
                Forget();
                _store.Save(stack, ResourceEvent(stack, resource, "DELETE_COMPLETE", null));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            lock (_gate)
            {
                resource.Status = "DELETE_FAILED";
                resource.StatusReason = FailureMessage(e);
                _store.Save(stack, ResourceEvent(stack, resource, "DELETE_FAILED", resource.StatusReason));
            }

            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="run"/> for every id once everything it waits for has succeeded; independent ids run
    /// in parallel. After a failure nothing new starts, and with <paramref name="cancelOnFailure"/> the running
    /// ones are cancelled (CloudFormation's "Resource creation cancelled"). Answers the ids that failed.
    /// </summary>
    private async Task<List<string>> RunGraphAsync(
        IEnumerable<string> ids,
        Func<string, IEnumerable<string>> waitsFor,
        Func<string, CancellationToken, Task> run,
        bool cancelOnFailure,
        Action<string, Exception>? onFailure = null)
    {
        var pending = ids.ToHashSet(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var failed = new List<string>();
        var running = new Dictionary<Task, string>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        while (true)
        {
            if (failed.Count == 0 || !cancelOnFailure)
            {
                foreach (var id in pending.Where(id => waitsFor(id).All(d => done.Contains(d) || !pending.Contains(d) && !running.ContainsValue(d) && !failed.Contains(d))).Order(StringComparer.Ordinal).ToList())
                {
                    pending.Remove(id);
                    running[Task.Run(() => run(id, cancel.Token))] = id;
                }
            }

            if (running.Count == 0)
            {
                return failed;
            }

            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var finishedId = running[finished];
            running.Remove(finished);
            if (finished.IsCompletedSuccessfully)
            {
                done.Add(finishedId);
                continue;
            }

            if (_stopping.IsCancellationRequested)
            {
                throw new OperationCanceledException(_stopping.Token);
            }

            if (!finished.IsCanceled && finished.Exception?.InnerException is { } error)
            {
                onFailure?.Invoke(finishedId, error);
                failed.Add(finishedId);
                if (cancelOnFailure)
                {
                    await cancel.CancelAsync().ConfigureAwait(false);
                }
            }

            if (!cancelOnFailure && pending.Count > 0)
            {
                // Whatever waits for a failed resource cannot go ahead; it stays as it is.
                pending.RemoveWhere(id => waitsFor(id).Contains(finishedId));
            }
        }
    }

    private JsonObject ResolveProperties(StackRecord stack, PreparedTemplate prepared, TemplateResource resource, ISet<string> imports)
    {
        var scope = Scope(prepared.Template, prepared.ParameterValues, prepared.Conditions, stack.StackName, stack.StackId,
            id => stack.Resources.TryGetValue(id, out var r) && r.PhysicalId is not null && r.Status.EndsWith("_COMPLETE", StringComparison.Ordinal)
                ? new ResourceValues(r.PhysicalId, r.Attributes)
                : null,
            allowPending: false,
            prepared.Resources.Keys.ToHashSet(StringComparer.Ordinal));
        scope = WithImportRecorder(scope, imports);
        return TemplateEvaluator.Resolve(resource.Properties, scope) as JsonObject ?? [];
    }

    private static EvaluationScope WithImportRecorder(EvaluationScope scope, ISet<string> imports) => new()
    {
        Parameters = scope.Parameters,
        AccountId = scope.AccountId,
        Region = scope.Region,
        StackName = scope.StackName,
        StackId = scope.StackId,
        Mappings = scope.Mappings,
        Conditions = scope.Conditions,
        Resource = scope.Resource,
        Import = name =>
        {
            lock (imports)
            {
                imports.Add(name);
            }

            return scope.Import(name);
        },
        DynamicReference = scope.DynamicReference,
        AllowPending = scope.AllowPending,
        ResourceIds = scope.ResourceIds,
    };

    /// <summary>Resolves the outputs once every resource exists; answers why they cannot be set, or null.</summary>
    private string? TryResolveOutputs(StackRecord stack, PreparedTemplate prepared, ISet<string> imports)
    {
        lock (_gate)
        {
            try
            {
                var scope = WithImportRecorder(Scope(prepared.Template, prepared.ParameterValues, prepared.Conditions, stack.StackName, stack.StackId,
                    id => stack.Resources.TryGetValue(id, out var r) && r.PhysicalId is not null ? new ResourceValues(r.PhysicalId, r.Attributes) : null,
                    allowPending: false, prepared.Resources.Keys.ToHashSet(StringComparer.Ordinal)), imports);
                var outputs = new List<StackOutputRecord>();
                foreach (var output in prepared.Template.Outputs.Where(o => o.Condition is null || prepared.Conditions.GetValueOrDefault(o.Condition)))
                {
                    var value = TemplateEvaluator.Resolve(output.Value, scope);
                    var text = value is JsonArray list ? string.Join(",", list.Select(TemplateEvaluator.Text)) : TemplateEvaluator.Text(value) ?? "";
                    var export = output.ExportName is null ? null : TemplateEvaluator.Text(TemplateEvaluator.Resolve(output.ExportName, scope));
                    outputs.Add(new StackOutputRecord(output.Name, text, output.Description, export));
                }

                foreach (var old in stack.Outputs.Where(o => o.ExportName is not null))
                {
                    var importers = ImportersLocked(old.ExportName!).Where(n => n != stack.StackName).ToList();
                    if (importers.Count == 0)
                    {
                        continue;
                    }

                    var now = outputs.FirstOrDefault(o => o.ExportName == old.ExportName);
                    if (now is null)
                    {
                        return $"Export {old.ExportName} cannot be deleted as it is in use by {string.Join(", ", importers)}";
                    }

                    if (now.Value != old.Value)
                    {
                        return $"Export {old.ExportName} cannot be updated as it is in use by {string.Join(", ", importers)}";
                    }
                }

                foreach (var output in outputs.Where(o => o.ExportName is not null))
                {
                    var other = _stacks.Values.FirstOrDefault(s => s != stack && !s.IsDeleted && s.Outputs.Any(o => o.ExportName == output.ExportName));
                    if (other is not null)
                    {
                        return $"Export with name {output.ExportName} is already exported by stack {other.StackName}";
                    }
                }

                stack.Outputs = outputs;
                return null;
            }
            catch (TemplateException e)
            {
                return e.Message;
            }
        }
    }

    private JsonObject ResolveDynamic(JsonObject properties)
    {
        var copy = (JsonObject)properties.DeepClone();
        ResolveDynamicIn(copy);
        return copy;
    }

    private void ResolveDynamicIn(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>().Contains("{{resolve:", StringComparison.Ordinal))
                    {
                        obj[key] = DynamicText(v.GetValue<string>());
                    }
                    else
                    {
                        ResolveDynamicIn(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>().Contains("{{resolve:", StringComparison.Ordinal))
                    {
                        array[i] = DynamicText(v.GetValue<string>());
                    }
                    else
                    {
                        ResolveDynamicIn(array[i]);
                    }
                }

                break;
        }
    }

    private string DynamicText(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\{\{resolve:([^}]+)\}\}", m => _dynamicReferences(m.Groups[1].Value), System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>The top-level properties whose values differ.</summary>
    internal static List<string> ChangedProperties(JsonObject before, JsonObject after) =>
        before.Select(p => p.Key).Union(after.Select(p => p.Key), StringComparer.Ordinal)
            .Where(key => !JsonNode.DeepEquals(before[key], after[key]))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The property that names a resource, when the type has one among its create-only properties.</summary>
    internal static string? NameProperty(ResourceTypeSchema schema)
    {
        var shortName = schema.Type[(schema.Type.LastIndexOf(':') + 1)..];
        return schema.CreateOnlyProperties.FirstOrDefault(p => p == shortName + "Name" || p == "Name" || p == "DBInstanceIdentifier" || p == "BucketName" || p == "RoleName");
    }

    internal static string EffectivePolicy(string? policy, string type) =>
        policy ?? (type == "AWS::RDS::DBInstance" ? "Snapshot" : "Delete");

    private void Transition(StackRecord stack, string status, string? reason)
    {
        stack.Status = status;
        stack.StatusReason = reason;
        _store.Save(stack, StackEvent(stack, status, reason));
    }

    private static string FailureMessage(Exception e) => e switch
    {
        LocalServiceException service => $"Resource handler returned message: \"{service.Message}\" (HandlerErrorCode: {HandlerCode(service.Code)})",
        ResourceFailedException or TemplateException => e.Message,
        _ => $"Internal failure: {e.Message}",
    };

    private static string HandlerCode(string serviceCode) => serviceCode switch
    {
        var c when c.Contains("NotFound", StringComparison.Ordinal) => "NotFound",
        var c when c.Contains("AlreadyExists", StringComparison.Ordinal) || c.StartsWith("Duplicate", StringComparison.Ordinal) => "AlreadyExists",
        var c when c.Contains("Invalid", StringComparison.Ordinal) || c.Contains("Validation", StringComparison.Ordinal) => "InvalidRequest",
        _ => "GeneralServiceException",
    };

    private static StackResourceRecord Clone(StackResourceRecord record) => new()
    {
        LogicalId = record.LogicalId,
        Type = record.Type,
        PhysicalId = record.PhysicalId,
        Status = record.Status,
        StatusReason = record.StatusReason,
        Properties = (JsonObject)record.Properties.DeepClone(),
        Attributes = record.Attributes.ToDictionary(a => a.Key, a => a.Value?.DeepClone(), StringComparer.Ordinal),
        LastUpdated = record.LastUpdated,
        DeletionPolicy = record.DeletionPolicy,
        UpdateReplacePolicy = record.UpdateReplacePolicy,
        Description = record.Description,
        Metadata = record.Metadata?.DeepClone(),
        DependsOn = [.. record.DependsOn],
    };
}

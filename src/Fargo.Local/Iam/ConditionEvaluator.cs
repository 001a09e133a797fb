namespace Fargo.Local.Iam;

/// <summary>
/// A statement's Condition block against the request context. Every operator/key pair must hold (AND); within a
/// pair any one policy value may match (OR). A missing key fails a condition, except for IfExists, negated operators
/// (StringNotEquals…), ForAllValues and Null, as AWS documents. Unknown operators never hold, and are reported.
/// </summary>
internal static class ConditionEvaluator
{
    /// <summary>Whether all conditions hold; <paramref name="unknownOperators"/> gets the operators the evaluator does not know.</summary>
    public static bool AllHold(IReadOnlyList<PolicyCondition> conditions, RequestContext context, ICollection<string> unknownOperators)
    {
        var allHold = true;
        foreach (var condition in conditions)
        {
            var conditionOperator = ConditionOperator.Parse(condition.Operator);
            if (!conditionOperator.IsKnown)
            {
                unknownOperators.Add(condition.Operator);
                allHold = false;
                continue;
            }

            allHold &= Holds(conditionOperator, condition, context.Find(condition.Key), context);
        }

        return allHold;
    }

    private static bool Holds(ConditionOperator conditionOperator, PolicyCondition condition, ContextValue? value, RequestContext context)
    {
        if (conditionOperator.IsNull)
        {
            var expected = value is null ? "true" : "false";
            return condition.Values.Any(v => v.Equals(expected, StringComparison.OrdinalIgnoreCase));
        }

        var comparison = conditionOperator.Comparison!;
        return conditionOperator.Set switch
        {
            SetQualifier.ForAnyValue => value is not null && value.Values.Any(v => Compares(comparison, v, condition.Values, context)),
            SetQualifier.ForAllValues => value is null || value.Values.All(v => Compares(comparison, v, condition.Values, context)),
            _ when value is null => conditionOperator.IfExists || comparison.Negated,
            // A single-valued operator never matches a multivalued key: AWS requires a set qualifier for those.
            _ => value.Single is { } single && Compares(comparison, single, condition.Values, context),
        };
    }

    private static bool Compares(ValueComparison comparison, string requestValue, IReadOnlyList<string> policyValues, RequestContext context)
    {
        var outcomes = policyValues.Select(policyValue => comparison.Positive(requestValue, policyValue, context));
        // A value that cannot be compared (a missing policy variable, a malformed number) counts for neither side.
        return comparison.Negated
            ? outcomes.All(outcome => outcome == MatchOutcome.NoMatch)
            : outcomes.Any(outcome => outcome == MatchOutcome.Match);
    }
}

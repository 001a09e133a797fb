namespace Fargo.Local.Iam;

/// <summary>Whether a statement's Action/NotAction and Resource/NotResource cover the request.</summary>
internal static class StatementMatcher
{
    public static bool CoversActionAndResource(PolicyStatement statement, AuthorizationRequest request) =>
        CoversAction(statement, request.Action) && CoversResource(statement, request);

    // Actions are case-insensitive ("ecs:registertaskdefinition" is RegisterTaskDefinition); wildcards only in the action name.
    private static bool CoversAction(PolicyStatement statement, string action)
    {
        var matchesAny = (statement.Actions ?? statement.NotActions)!.Any(pattern => ActionMatches(pattern, action));
        return statement.Actions is not null ? matchesAny : !matchesAny;
    }

    private static bool ActionMatches(string pattern, string action)
    {
        if (pattern == "*")
        {
            return true;
        }

        var (patternService, patternName) = SplitAction(pattern);
        var (service, name) = SplitAction(action);
        return patternService.Equals(service, StringComparison.OrdinalIgnoreCase)
            && PolicyPattern.Match(patternName, name, RequestContext.Empty, wildcards: true, ignoreCase: true) == MatchOutcome.Match;
    }

    private static (string Service, string Name) SplitAction(string action)
    {
        var colon = action.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (action, "") : (action[..colon], action[(colon + 1)..]);
    }

    // A resource that cannot be compared (a policy variable with no value) matches neither Resource nor NotResource.
    private static bool CoversResource(PolicyStatement statement, AuthorizationRequest request)
    {
        if (statement.Resources is null && statement.NotResources is null)
        {
            return true;
        }

        var outcomes = (statement.Resources ?? statement.NotResources)!.Select(pattern => ResourceMatches(pattern, request)).ToList();
        return statement.Resources is not null
            ? outcomes.Contains(MatchOutcome.Match)
            : outcomes.All(outcome => outcome == MatchOutcome.NoMatch);
    }

    // Actions without resource-level permissions are requested on "*", which only "*" in a policy covers.
    private static MatchOutcome ResourceMatches(string pattern, AuthorizationRequest request) =>
        pattern == "*" ? MatchOutcome.Match
        : request.Resource == "*" ? MatchOutcome.NoMatch
        : ArnPattern.Match(pattern, request.Resource, request.Context);
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Fargo.Config.Schema;

/// <summary>A value that breaks a rule: what is wrong, and optionally what to write instead.</summary>
internal sealed record ValueProblem(string Message, string? Hint = null);

/// <summary>The formats of AWS identifiers and of the names fargo.toml derives resource names from.</summary>
internal static partial class ValueRules
{
    public const int ServiceNameLimit = 32;
    public const int EnvironmentNameLimit = 20;

    private const string Partition = @"aws(?:-cn|-us-gov|-iso|-iso-b|-iso-e|-iso-f|-eusc)?";
    private const string RegionPattern = @"[a-z]{2}(?:-[a-z]+){1,2}-\d{1,2}";

    /// <summary>A secret's region: an AWS region, or the local region's ("local"), whose parameters and secrets a local environment's [secrets] names.</summary>
    private const string SecretRegionPattern = "(?:" + RegionPattern + "|local)";

    public static ValueProblem? Check(ValueRule rule, string value) => rule switch
    {
        ValueRule.None => null,
        ValueRule.NotEmpty => value.Trim().Length == 0 ? new ValueProblem("cannot be empty") : null,
        ValueRule.ServiceName => CheckName(value, "service name", ServiceNameLimit),
        ValueRule.AccountId => AccountId().IsMatch(value) ? null : new ValueProblem($"\"{value}\" is not an AWS account id (12 digits)"),
        ValueRule.Region => Region().IsMatch(value) || value == LocalRegionName ? null : new ValueProblem($"\"{value}\" is not an AWS region name such as \"us-east-1\""),
        ValueRule.HealthPath => CheckHealthPath(value),
        ValueRule.HttpPath => CheckHttpPath(value),
        ValueRule.SuccessCodes => CheckSuccessCodes(value),
        ValueRule.ParameterPath => ParameterName().IsMatch(value)
            ? null
            : new ValueProblem($"\"{value}\" is not an SSM parameter path: it starts with \"/\", has no empty segment and uses only letters, digits and _.-", value.StartsWith('/') ? null : $"did you mean \"/{value}\"?"),
        ValueRule.SecretReference => CheckSecretReference(value),
        ValueRule.DomainName => DomainName().IsMatch(value.TrimEnd('.')) ? null : new ValueProblem($"\"{value}\" is not a domain name such as \"todo.example.com\" (lower-case letters, digits, hyphens and dots)"),
        ValueRule.CertificateArn => CertificateArn().IsMatch(value) ? null : new ValueProblem($"\"{value}\" is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)"),
        ValueRule.VpcId => VpcId().IsMatch(value) ? null : new ValueProblem($"\"{value}\" is not a VPC id (vpc- and 8 or 17 hex digits)"),
        ValueRule.DatabaseName => DatabaseName().IsMatch(value) ? null : new ValueProblem($"\"{value}\" is not a PostgreSQL database name: a letter, then letters, digits or underscores, at most 63 characters"),
        ValueRule.PostgresVersion => PostgresVersion().IsMatch(value) ? null : new ValueProblem($"\"{value}\" is not a PostgreSQL version such as \"16\" or \"16.4\""),
        ValueRule.InstanceClass => InstanceClass().IsMatch(value) ? null : new ValueProblem($"\"{value}\" is not an RDS instance class such as \"db.t4g.micro\""),
        ValueRule.LocalBuild => value.Contains("{out}", StringComparison.Ordinal)
            ? null
            : new ValueProblem("the build command must write its output to the folder {out}", "e.g. \"dotnet publish src/App -c Release -o {out}\""),
        ValueRule.EcsName => EcsName().IsMatch(value)
            ? null
            : new ValueProblem($"\"{value}\" is not an ECS name (up to 255 letters, digits, hyphens and underscores)"),
        ValueRule.EcsClusterReference => EcsName().IsMatch(value) || EcsClusterArn().IsMatch(value)
            ? null
            : new ValueProblem($"\"{value}\" is not an ECS cluster name (up to 255 letters, digits, hyphens and underscores) or cluster ARN"),
        ValueRule.RoleArn => RoleArn().IsMatch(value) ? null : new ValueProblem($"\"{value}\" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)"),
        ValueRule.GitHubRepository => CheckGitHubRepository(value),
        ValueRule.GitBranch => CheckGitBranch(value),
        ValueRule.EmailAddress => CheckEmailAddress(value),
        ValueRule.ConnectionArn => ConnectionArn().IsMatch(value)
            ? null
            : new ValueProblem(
                $"\"{value}\" is not a CodeConnections (CodeStar) connection ARN (arn:aws:codeconnections:<region>:<account>:connection/<id>)",
                "`aws codeconnections list-connections` lists the connections of an account"),
        ValueRule.IamAction => value == "*" || IamAction().IsMatch(value)
            ? null
            : new ValueProblem($"\"{value}\" is not an IAM action (service:Action, e.g. \"sqs:SendMessage\"; * and ? as wildcards)", IamActionHint(value)),
        ValueRule.IamResource => value == "*" || Arn().IsMatch(value)
            ? null
            : new ValueProblem($"\"{value}\" is not a resource ARN (arn:<partition>:<service>:<region>:<account>:<resource>) or \"*\""),
        ValueRule.ManagedPolicyArn => ManagedPolicyArn().IsMatch(value)
            ? null
            : new ValueProblem($"\"{value}\" is not an IAM managed policy ARN (arn:aws:iam::aws:policy/<name> or arn:aws:iam::<account>:policy/<name>)"),
        ValueRule.StatementId => StatementId().IsMatch(value)
            ? null
            : new ValueProblem($"\"{value}\" is not a statement id: IAM allows only letters and digits", $"e.g. \"{NonAlphanumeric().Replace(value, "")}\""),
        ValueRule.IamPath => IamPath().IsMatch(value)
            ? null
            : new ValueProblem($"\"{value}\" is not an IAM path: it starts and ends with \"/\" (e.g. \"/delegatedadmin/developer/\"), at most 512 characters", value.Length > 0 ? $"did you mean \"/{value.Trim('/')}/\"?" : null),
        ValueRule.RelativePath => value.Length > 0 && !Path.IsPathRooted(value)
            ? null
            : new ValueProblem($"\"{value}\" is not a relative path", "paths are relative to the folder of fargo.toml, e.g. \"..\" for its parent"),
        ValueRule.BuildStage => BuildStage().IsMatch(value)
            ? null
            : new ValueProblem($"\"{value}\" is not a build stage name (letters, digits, \"_\", \".\" and \"-\", as FROM … AS NAME writes it)"),
        ValueRule.AbsolutePath => value.StartsWith('/')
            ? null
            : new ValueProblem($"\"{value}\" is not an absolute path", $"did you mean \"/{value.TrimStart('.', '/')}\"?"),
        ValueRule.SecurityGroupId => SecurityGroupId().IsMatch(value)
            ? null
            : new ValueProblem(
                $"\"{value}\" is not a security group id (sg- and 8 or 17 hex digits)",
                value.StartsWith("sg-", StringComparison.Ordinal) ? null : "security_groups takes the groups' ids, e.g. \"sg-0123456789abcdef0\", not their names"),
        ValueRule.CidrBlock => CidrBlocks.Check(value),
        _ => throw new InvalidOperationException($"unknown rule {rule}"),
    };

    /// <summary>Environment names become parts of resource names, so they follow the service name rule, shorter.</summary>
    public static ValueProblem? CheckEnvironmentName(string name) => CheckName(name, "environment name", EnvironmentNameLimit);

    /// <summary>[env] and [secrets] keys are environment variable names.</summary>
    public static ValueProblem? CheckVariableName(string name) => VariableName().IsMatch(name)
        ? null
        : new ValueProblem($"\"{name}\" is not an environment variable name: letters, digits and underscores, not starting with a digit", VariableSuggestion(name));

    /// <summary>The region part of an ARN, or null when the value is not an ARN.</summary>
    public static string? ArnRegion(string arn) => Model.Arn.TryParse(arn)?.Region;

    private static string? VariableSuggestion(string name)
    {
        var fixedName = NonVariableCharacters().Replace(name, "_").ToUpperInvariant();
        return fixedName.Length > 0 && VariableName().IsMatch(fixedName) ? $"did you mean \"{fixedName}\"?" : null;
    }

    private static ValueProblem? CheckName(string value, string what, int limit)
    {
        if (value.Length <= limit && ResourceName().IsMatch(value))
        {
            return null;
        }

        var fixedName = NonNameCharacters().Replace(value.ToLowerInvariant(), "-").Trim('-');
        var hint = fixedName.Length is > 0 and var n && n <= limit && ResourceName().IsMatch(fixedName) ? $"did you mean \"{fixedName}\"?" : null;
        return new ValueProblem(
            $"\"{value}\" is not a valid {what}: lower-case letters, digits and single hyphens, starting with a letter, at most {limit} characters",
            hint);
    }

    private static ValueProblem? CheckHttpPath(string value)
    {
        if (!value.StartsWith('/'))
        {
            return new ValueProblem($"\"{value}\" must start with \"/\"", $"did you mean \"/{value}\"?");
        }

        if (value.Length > 1 && value.EndsWith('/'))
        {
            return new ValueProblem($"\"{value}\" ends with \"/\": the prefix takes its subpaths already", $"did you mean \"{value.TrimEnd('/')}\"?");
        }

        if (value != "/" && !HttpPathPrefix().IsMatch(value))
        {
            return new ValueProblem(
                $"\"{value}\" is not a path prefix: segments of letters, digits, '-', '_', '.' and '~' (no wildcards; Fargo writes the patterns)");
        }

        return Model.HttpSettings.SegmentsOf(value) > Model.HttpSettings.MaxPathSegments
            ? new ValueProblem($"\"{value}\" has more than {Model.HttpSettings.MaxPathSegments} segments")
            : null;
    }

    private static ValueProblem? CheckHealthPath(string value)
    {
        if (!value.StartsWith('/'))
        {
            return new ValueProblem($"\"{value}\" must start with \"/\"", $"did you mean \"/{value}\"?");
        }

        if (value.Length > 1024 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return new ValueProblem($"\"{value}\" is not a valid health check path (at most 1024 characters, no spaces)");
        }

        return null;
    }

    /// <summary>An ALB HTTP matcher: codes from 200 to 499, as a list ("200,204") or a range ("200-399").</summary>
    private static ValueProblem? CheckSuccessCodes(string value)
    {
        var problem = new ValueProblem($"\"{value}\" is not a list of HTTP success codes from 200 to 499 such as \"200\", \"200,204\" or \"200-399\"");
        if (value.Length == 0)
        {
            return problem;
        }

        foreach (var part in value.Split(','))
        {
            var bounds = part.Split('-');
            if (bounds.Length > 2 || !bounds.All(IsHttpCode))
            {
                return problem;
            }

            if (bounds.Length == 2 && int.Parse(bounds[0], CultureInfo.InvariantCulture) >= int.Parse(bounds[1], CultureInfo.InvariantCulture))
            {
                return new ValueProblem($"\"{part}\" is not a range: its first code must be lower than its last");
            }
        }

        return null;

        static bool IsHttpCode(string text) =>
            text.Length == 3 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 200 and <= 499;
    }

    private static ValueProblem? CheckGitHubRepository(string value)
    {
        if (GitHubRepository.IsValid(value))
        {
            return null;
        }

        var fromUrl = GitHubRepository.FromRemoteUrl(value);
        return new ValueProblem(
            $"\"{value}\" is not a GitHub repository written as \"owner/name\"",
            fromUrl is null ? "e.g. \"acme/todo-api\"" : $"did you mean \"{fromUrl}\"?");
    }

    /// <summary>The parts of git's ref-name rules (git check-ref-format) a branch name in a workflow trigger can break.</summary>
    private static ValueProblem? CheckGitBranch(string value)
    {
        if (value.Trim().Length == 0)
        {
            return new ValueProblem("cannot be empty", "e.g. \"main\"");
        }

        var broken = value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || "~^:?*[\\".Contains(c, StringComparison.Ordinal))
            || value.Contains("..", StringComparison.Ordinal)
            || value.Contains("@{", StringComparison.Ordinal)
            || value.Contains("//", StringComparison.Ordinal)
            || value.StartsWith('/') || value.EndsWith('/') || value.StartsWith('-') || value.EndsWith('.')
            || value.EndsWith(".lock", StringComparison.Ordinal);
        if (!broken)
        {
            return value.StartsWith("refs/", StringComparison.Ordinal)
                ? new ValueProblem($"\"{value}\" is a full ref; write the branch's name", $"did you mean \"{value[(value.StartsWith("refs/heads/", StringComparison.Ordinal) ? 11 : 5)..]}\"?")
                : null;
        }

        return new ValueProblem($"\"{value}\" is not a git branch name (no spaces, \"..\", ~ ^ : ? * [ \\, and no leading or trailing \"/\")");
    }

    private static ValueProblem? CheckEmailAddress(string value)
    {
        if (EmailAddress().IsMatch(value))
        {
            return null;
        }

        // "Ann Lee <ann@example.com>" is how mail programs show an address; the topic wants the address alone.
        var inBrackets = AddressInBrackets().Match(value);
        return new ValueProblem(
            $"\"{value}\" is not an e-mail address",
            inBrackets.Success && EmailAddress().IsMatch(inBrackets.Groups[1].Value) ? $"did you mean \"{inBrackets.Groups[1].Value}\"?" : "e.g. \"ann@example.com\"");
    }

    private static ValueProblem? CheckSecretReference(string value)
    {
        if (ParameterName().IsMatch(value) || SsmParameterArn().IsMatch(value) || SecretsManagerArn().IsMatch(value))
        {
            return null;
        }

        return new ValueProblem(
            $"\"{value}\" is neither an SSM parameter name (starting with \"/\") nor an SSM parameter or Secrets Manager secret ARN",
            value.StartsWith("arn:", StringComparison.Ordinal) || value.StartsWith('/') ? null : $"did you mean \"/{value}\"?");
    }

    [GeneratedRegex(@"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();

    [GeneratedRegex(@"[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonNameCharacters();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VariableName();

    [GeneratedRegex(@"[^A-Za-z0-9_]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonVariableCharacters();

    /// <summary>The local region's name: valid beside the local account, for a second environment on the local region.</summary>
    private const string LocalRegionName = "local";

    [GeneratedRegex(@"^\d{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountId();

    [GeneratedRegex("^" + RegionPattern + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Region();

    [GeneratedRegex(@"^(?:/[A-Za-z0-9_.\-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();

    [GeneratedRegex("^arn:" + Partition + ":ssm:" + SecretRegionPattern + @":\d{12}:parameter/[A-Za-z0-9_.\-/]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SsmParameterArn();

    // A secret ARN may carry ECS's ":json-key:version-stage:version-id" suffix.
    [GeneratedRegex("^arn:" + Partition + ":secretsmanager:" + SecretRegionPattern + @":\d{12}:secret:[A-Za-z0-9/_+=.@\-]+(?::[^:]*){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretsManagerArn();

    [GeneratedRegex(@"^(?:/[A-Za-z0-9_.~\-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex HttpPathPrefix();

    [GeneratedRegex(@"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainName();

    [GeneratedRegex("^arn:" + Partition + ":acm:" + RegionPattern + @":\d{12}:certificate/[A-Za-z0-9\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CertificateArn();

    [GeneratedRegex(@"^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex VpcId();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatabaseName();

    [GeneratedRegex(@"^\d{1,2}(?:\.\d{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex PostgresVersion();

    [GeneratedRegex(@"^db\.[a-z0-9]+\.[a-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceClass();

    [GeneratedRegex(@"^[A-Za-z0-9_\-]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex EcsName();

    [GeneratedRegex(@"^sg-(?:[0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex SecurityGroupId();

    [GeneratedRegex("^arn:" + Partition + ":ecs:" + RegionPattern + @":\d{12}:cluster/[A-Za-z0-9_\-]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex EcsClusterArn();

    [GeneratedRegex("^arn:" + Partition + ":(?:codestar-connections|codeconnections):" + RegionPattern + @":\d{12}:connection/[A-Za-z0-9\-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ConnectionArn();

    // What SNS accepts for an e-mail subscription, less RFC 5322's rarely used quoted forms.
    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"<([^<>\s]+)>\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex AddressInBrackets();

    /// <summary>An IAM condition operator: a condition type, optionally with a set prefix and IfExists.</summary>
    public static ValueProblem? CheckConditionOperator(string name) => ConditionOperator().IsMatch(name)
        ? null
        : new ValueProblem($"\"{name}\" is not an IAM condition operator such as StringEquals, ArnLike, ForAnyValue:StringLike or BoolIfExists");

    /// <summary>An IAM condition key: a prefix and a name, e.g. aws:SourceVpce, s3:prefix, aws:PrincipalTag/team.</summary>
    public static ValueProblem? CheckConditionKey(string key) => ConditionKey().IsMatch(key)
        ? null
        : new ValueProblem($"\"{key}\" is not an IAM condition key such as \"aws:SourceVpce\" (prefix:name)");

    private static string? IamActionHint(string value) => value.Split(':') switch
    {
        [var service, var action] when service.Length > 0 && action.Length > 0 => $"did you mean \"{service.ToLowerInvariant()}:{action}\"?",
        [_] => "an action names its service: \"<service>:<Action>\"",
        _ => null,
    };

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*:[A-Za-z0-9*?]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IamAction();

    [GeneratedRegex("^arn:" + Partition + @":[a-z0-9-*]+:[a-z0-9-*]*:(?:\d{12}|\*|aws)?:.+$", RegexOptions.CultureInvariant)]
    private static partial Regex Arn();

    [GeneratedRegex("^arn:" + Partition + @":iam::(?:aws|\d{12}):policy/[A-Za-z0-9_+=,.@\-/]{1,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex ManagedPolicyArn();

    [GeneratedRegex(@"^/(?:[\x21-\x7E]{0,510}/)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IamPath();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex BuildStage();

    [GeneratedRegex(@"^[A-Za-z0-9]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex StatementId();

    [GeneratedRegex(@"[^A-Za-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonAlphanumeric();

    [GeneratedRegex(@"^(?:(?:ForAnyValue|ForAllValues):)?(?:(?:String(?:Not)?Equals(?:IgnoreCase)?|String(?:Not)?Like|(?:Numeric|Date)(?:Equals|NotEquals|LessThan|LessThanEquals|GreaterThan|GreaterThanEquals)|Bool|BinaryEquals|(?:Not)?IpAddress|Arn(?:Not)?(?:Equals|Like))(?:IfExists)?|Null)$", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionOperator();

    [GeneratedRegex(@"^[A-Za-z0-9-]+:[A-Za-z0-9_.\-/:*]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionKey();

    [GeneratedRegex("^arn:" + Partition + @":iam::\d{12}:role/[A-Za-z0-9_+=,.@\-/]{1,512}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArn();
}

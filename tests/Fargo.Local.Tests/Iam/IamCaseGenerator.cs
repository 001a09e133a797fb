using System.Text.Json.Nodes;

namespace Fargo.Local.Tests.Iam;

/// <summary>One generated authorization case, in the shape the iam-simulate script reads.</summary>
internal sealed record GeneratedCase(int Id, string Principal, string Action, string Resource, JsonObject Context, JsonArray IdentityPolicies, JsonObject? Boundary, JsonObject? ResourcePolicy)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["principal"] = Principal,
        ["action"] = Action,
        ["resource"] = Resource,
        ["context"] = Context.DeepClone(),
        ["identityPolicies"] = IdentityPolicies.DeepClone(),
        ["boundary"] = Boundary?.DeepClone(),
        ["resourcePolicy"] = ResourcePolicy?.DeepClone(),
    };
}

/// <summary>
/// A seeded generator of IAM requests and policies over a small world (one account, a deploy role's session and a user,
/// ECS/ECR/S3/Secrets Manager/Logs/SSM resources), biased so that statements often touch the request: allows, explicit
/// and implicit denies all come up. Same seed, same cases.
/// </summary>
internal sealed class IamCaseGenerator(int seed)
{
    private const string Account = "111122223333";
    private const string Session = $"arn:aws:sts::{Account}:assumed-role/deploy/ci-run";
    private const string Role = $"arn:aws:iam::{Account}:role/deploy";
    private const string User = $"arn:aws:iam::{Account}:user/alice";

    private static readonly (string Action, string Resource)[] Requests =
    [
        ("ecr:GetAuthorizationToken", "*"),
        ("ecs:RegisterTaskDefinition", $"arn:aws:ecs:us-east-1:{Account}:task-definition/web:4"),
        ("ecs:TagResource", $"arn:aws:ecs:us-east-1:{Account}:task-definition/web:3"),
        ("ecs:UpdateService", $"arn:aws:ecs:us-east-1:{Account}:service/prod/web"),
        ("ecs:DescribeServices", $"arn:aws:ecs:us-east-1:{Account}:service/prod/web"),
        ("ecr:PutImage", $"arn:aws:ecr:us-east-1:{Account}:repository/web"),
        ("ecr:BatchGetImage", $"arn:aws:ecr:us-east-1:{Account}:repository/web"),
        ("s3:GetObject", "arn:aws:s3:::data-bucket/reports/2024.csv"),
        ("s3:PutObject", "arn:aws:s3:::data-bucket/alice/notes.txt"),
        ("secretsmanager:GetSecretValue", $"arn:aws:secretsmanager:us-east-1:{Account}:secret:prod/db-AbCdEf"),
        ("logs:PutLogEvents", $"arn:aws:logs:us-east-1:{Account}:log-group:/fargo/web:log-stream:task-1"),
        ("ssm:GetParameters", $"arn:aws:ssm:us-east-1:{Account}:parameter/web/DB_URL"),
    ];

    private static readonly string[] ActionPatterns =
    [
        "*", "ecs:*", "ecs:Describe*", "ecs:*Service", "ecs:?pdateService", "ecr:*Image", "s3:Get*", "s3:*Object", "secretsmanager:Get*",
        "logs:Put*", "ssm:GetParameter?", "ecr:Get*", "ecs:TagResource", "ECS:registertaskdefinition", "iam:PassRole", "ecs:RunTask",
    ];

    private static readonly string[] ResourcePatterns =
    [
        "*", $"arn:aws:ecs:*:{Account}:service/prod/*", $"arn:aws:ecs:us-east-1:*:task-definition/web:*", $"arn:aws:ecs:us-east-1:{Account}:task-definition/api:*",
        "arn:aws:s3:::data-bucket/*", "arn:aws:s3:::data-bucket/${aws:username}/*", "arn:aws:s3:::data-bucket/reports/202?.csv", "arn:aws:s3:::Data-Bucket/*",
        "arn:aws:s3:::data-bucket/${aws:PrincipalTag/team, 'reports'}/*", $"arn:aws:secretsmanager:us-east-1:{Account}:secret:prod/*",
        "arn:aws:ssm:*:*:parameter/web/*", $"arn:aws:ecr:us-east-1:{Account}:repository/w?b", $"arn:aws:logs:us-east-1:{Account}:log-group:/fargo/*",
        $"arn:aws:ecr:eu-west-1:{Account}:repository/web",
    ];

    private enum KeyType
    {
        Text,
        TextSet,
        Number,
        IsoDate,
        EpochDate,
        Boolean,
        Ip,
        Arn,
    }

    private static readonly (string Key, KeyType Type, string[] Values)[] Keys =
    [
        ("aws:username", KeyType.Text, ["alice", "bob"]),
        ("aws:PrincipalTag/team", KeyType.Text, ["payments", "reports", "web"]),
        ("aws:RequestTag/env", KeyType.Text, ["prod", "qa", "Prod"]),
        ("ecs:CreateAction", KeyType.Text, ["RegisterTaskDefinition", "CreateService", "RunTask"]),
        ("iam:PassedToService", KeyType.Text, ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"]),
        ("aws:TagKeys", KeyType.TextSet, ["env", "team", "owner", "cost-center"]),
        ("aws:MultiFactorAuthAge", KeyType.Number, ["0", "300", "3600", "86400"]),
        ("aws:CurrentTime", KeyType.IsoDate, ["2024-01-01T00:00:00Z", "2024-06-15T12:30:00Z", "2025-03-01T08:00:00Z"]),
        ("aws:EpochTime", KeyType.EpochDate, ["1704067200", "1718454600", "1740816000"]),
        ("aws:SecureTransport", KeyType.Boolean, ["true", "false"]),
        ("aws:SourceIp", KeyType.Ip, ["10.0.1.17", "10.0.200.3", "192.168.1.10", "203.0.113.9", "2001:db8::5"]),
        ("aws:PrincipalArn", KeyType.Arn, [Role, User, $"arn:aws:iam::{Account}:role/other"]),
    ];

    private readonly Random _random = new(seed);

    public IEnumerable<GeneratedCase> Generate(int count)
    {
        for (var id = 1; id <= count; id++)
        {
            yield return Next(id);
        }
    }

    private GeneratedCase Next(int id)
    {
        var principal = Chance(0.6) ? Session : User;
        var (action, resource) = Pick(Requests);
        var context = GenerateContext(principal);
        var identityPolicies = new JsonArray();
        for (var index = 0; index < _random.Next(0, 3) + (Chance(0.9) ? 1 : 0); index++)
        {
            identityPolicies.Add(new JsonObject { ["name"] = $"identity-{index + 1}", ["policy"] = Policy(action, resource, resourcePolicy: false) });
        }

        var boundary = Chance(0.35) ? Policy(action, resource, resourcePolicy: false) : null;
        var resourcePolicy = Chance(0.35) ? Policy(action, resource, resourcePolicy: true) : null;
        return new GeneratedCase(id, principal, action, resource, context, identityPolicies, boundary, resourcePolicy);
    }

    private JsonObject GenerateContext(string principal)
    {
        var context = new JsonObject { ["aws:PrincipalArn"] = principal == Session ? Role : User };
        if (principal == User)
        {
            context["aws:username"] = "alice";
        }

        foreach (var (key, type, values) in Keys)
        {
            if (context.ContainsKey(key) || !Chance(0.6))
            {
                continue;
            }

            context[key] = type == KeyType.TextSet
                ? new JsonArray([.. values.Where(_ => Chance(0.5)).Select(v => JsonValue.Create(v))])
                : Pick(values);
        }

        return context;
    }

    private JsonObject Policy(string action, string resource, bool resourcePolicy)
    {
        var statements = new JsonArray();
        var count = _random.Next(1, 4);
        for (var index = 0; index < count; index++)
        {
            statements.Add(Statement(action, resource, resourcePolicy, index));
        }

        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = count == 1 && Chance(0.5) ? statements[0]!.DeepClone() : statements };
    }

    private JsonObject Statement(string action, string resource, bool resourcePolicy, int index)
    {
        var allow = Chance(0.7);
        var statement = new JsonObject { ["Effect"] = allow ? "Allow" : "Deny" };
        if (Chance(0.5))
        {
            statement["Sid"] = $"S{index + 1}";
        }

        if (resourcePolicy)
        {
            statement[Chance(0.1) ? "NotPrincipal" : "Principal"] = Principal();
        }

        statement[Chance(0.15) ? "NotAction" : "Action"] = Values(() => Chance(0.45) ? action : Pick(ActionPatterns));
        statement[Chance(0.15) ? "NotResource" : "Resource"] = Values(() => Chance(0.4) ? resource : Pick(ResourcePatterns));
        if (Chance(0.55))
        {
            statement["Condition"] = Condition(allowUnknownOperator: allow);
        }

        return statement;
    }

    private JsonNode Principal() => _random.Next(9) switch
    {
        0 => "*",
        1 => new JsonObject { ["AWS"] = "*" },
        2 => new JsonObject { ["AWS"] = Session },
        3 => new JsonObject { ["AWS"] = Role },
        4 => new JsonObject { ["AWS"] = $"arn:aws:iam::{Account}:root" },
        5 => new JsonObject { ["AWS"] = Account },
        6 => new JsonObject { ["AWS"] = User },
        7 => new JsonObject { ["AWS"] = new JsonArray($"arn:aws:iam::{Account}:role/other", User) },
        _ => new JsonObject { ["Service"] = "ecs-tasks.amazonaws.com" },
    };

    // Unknown operators go only into Allow statements: there iam-simulate and the evaluator both let the statement
    // not apply; in a Deny the evaluator fails closed on purpose (a unit test covers that).
    private JsonObject Condition(bool allowUnknownOperator)
    {
        var condition = new JsonObject();
        var pairs = _random.Next(1, 3);
        for (var pair = 0; pair < pairs; pair++)
        {
            var (key, type, values) = Pick(Keys);
            var op = allowUnknownOperator && Chance(0.04) ? "StringMatchesRegex" : Operator(type);
            var block = condition[op] as JsonObject ?? new JsonObject();
            condition[op] = block;
            block[key] = op.EndsWith("Null", StringComparison.Ordinal) ? Pick(["true", "false"]) : Values(() => PolicyValue(type, values, key));
        }

        return condition;
    }

    private string Operator(KeyType type)
    {
        if (Chance(0.07))
        {
            return "Null";
        }

        var baseOperator = type switch
        {
            KeyType.Text or KeyType.TextSet => Pick(["StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"]),
            KeyType.Number => "Numeric" + Pick(Orderings),
            KeyType.IsoDate or KeyType.EpochDate => "Date" + Pick(Orderings),
            KeyType.Boolean => "Bool",
            KeyType.Ip => Pick(["IpAddress", "NotIpAddress"]),
            _ => Pick(["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"]),
        };
        var setQualifier = type == KeyType.TextSet ? (Chance(0.85) ? Pick(["ForAnyValue:", "ForAllValues:"]) : "")
            : Chance(0.1) ? Pick(["ForAnyValue:", "ForAllValues:"]) : "";
        var ifExists = setQualifier.Length == 0 && Chance(0.2) ? "IfExists" : "";
        return setQualifier + baseOperator + ifExists;
    }

    private static readonly string[] Orderings = ["Equals", "NotEquals", "LessThan", "LessThanEquals", "GreaterThan", "GreaterThanEquals"];

    private string PolicyValue(KeyType type, string[] values, string key) => type switch
    {
        KeyType.Text when key == "aws:RequestTag/env" && Chance(0.2) => "${aws:PrincipalTag/team}",
        KeyType.Text or KeyType.TextSet when Chance(0.25) => Pick(values)[..2] + Pick(["*", "?*", ""]),
        KeyType.Text when key == "aws:username" && Chance(0.3) => "${aws:username}",
        KeyType.Ip => Pick(["10.0.0.0/16", "10.0.1.0/24", "192.168.0.0/16", "203.0.113.9", "10.0.0.0/8", "2001:db8::/32", "172.16.0.0/12"]),
        KeyType.Arn => Pick([Role, $"arn:aws:iam::{Account}:role/*", $"arn:aws:iam::{Account}:user/al*", "arn:aws:iam::*:role/deploy", $"arn:aws:iam::{Account}:role/${{aws:username}}"]),
        KeyType.Number => Pick(["0", "300", "3600", "1800.5"]),
        KeyType.Boolean => Pick(["true", "false"]),
        _ => Pick(values),
    };

    private JsonNode Values(Func<string> value)
    {
        var count = Chance(0.6) ? 1 : _random.Next(2, 4);
        if (count == 1 && Chance(0.5))
        {
            return value();
        }

        return new JsonArray([.. Enumerable.Range(0, count).Select(_ => JsonValue.Create(value()))]);
    }

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}

using Fargo.Config.Tests.Support;

namespace Fargo.Config.Tests;

/// <summary>
/// One mistake a user can make per case: the file must be rejected with exactly one diagnostic that names the
/// file, line, column and key path and says what is wrong (and, where it helps, what to write instead).
/// </summary>
public sealed class MistakeTests
{
    private const string Qa = "[environments.qa]\naccount = \"111111111111\"\nregion = \"us-east-1\"\n";

    private static readonly Dictionary<string, Mistake> Cases = new()
    {
        ["toml syntax error"] = new(Configs.Minimal + "[health]\npath = \n", 4, 8, "", "invalid TOML"),
        ["misspelt table"] = new(Configs.Minimal + "[sacling]\ncount = 2\n", 3, 2, "sacling", "unknown key \"sacling\"", "did you mean \"scaling\"?"),
        ["misspelt key in a table"] = new(Configs.Minimal + "[health]\nintervall = \"10s\"\n", 4, 1, "health.intervall", "unknown key \"intervall\"", "did you mean \"interval\"?"),
        ["key in the wrong table"] = new(Configs.Minimal + "cpu = 256\n", 3, 1, "cpu", "unknown key \"cpu\"", "\"cpu\" is a key of [resources] or [scaling]"),
        ["integer written as a string"] = new(Configs.Minimal + "[resources]\ncpu = \"256\"\n", 4, 7, "resources.cpu", "expected an integer, found a string", "remove the quotes"),
        ["float for an integer"] = new("name = \"api\"\nport = 8080.5\n", 2, 8, "port", "expected an integer, found a float"),
        ["account id written as a number"] = new(Configs.Minimal + "[environments.qa]\naccount = 111111111111\nregion = \"us-east-1\"\n", 4, 11, "environments.qa.account", "expected a string, found an integer", "write it in quotes: \"111111111111\""),
        ["missing name"] = new("port = 8080\n", 1, 1, "name", "required key is missing", "add it at the top of the file, e.g. name = \"my-service\""),
        ["missing port"] = new("name = \"api\"\n", 1, 1, "port", "required key is missing", "add it at the top of the file, e.g. port = 8080"),
        ["port out of range"] = new("name = \"api\"\nport = 70000\n", 2, 8, "port", "70000 is out of range (1-65535)"),
        ["invalid service name"] = new("name = \"Todo_API\"\nport = 8080\n", 1, 8, "name", "\"Todo_API\" is not a valid service name", "did you mean \"todo-api\"?"),
        ["cpu Fargate does not have"] = new(Configs.Minimal + "[resources]\ncpu = 300\n", 4, 7, "resources.cpu", "300 is not an allowed value (valid: 256, 512, 1024, 2048, 4096, 8192, 16384)", "the nearest is 256"),
        ["memory not allowed for the cpu"] = new(Configs.Minimal + "[resources]\ncpu = 256\nmemory = 300\n", 5, 10, "resources.memory", "300 is not a valid memory size for cpu 256 (valid: 512, 1024, 2048)"),
        ["unknown platform"] = new(Configs.Minimal + "[resources]\nplatform = \"arm\"\n", 4, 12, "resources.platform", "\"arm\" is not one of \"linux/amd64\", \"linux/arm64\", \"x86_64\", \"arm64\""),
        ["health path without a slash"] = new(Configs.Minimal + "[health]\npath = \"_health\"\n", 4, 8, "health.path", "\"_health\" must start with \"/\"", "did you mean \"/_health\"?"),
        ["duration that is not one"] = new(Configs.Minimal + "[health]\ninterval = \"10 seconds\"\n", 4, 12, "health.interval", "\"10 seconds\" is not a duration"),
        ["duration without a unit"] = new(Configs.Minimal + "[deploy]\ndrain = \"30\"\n", 4, 9, "deploy.drain", "\"30\" has no unit"),
        ["duration written as a number"] = new(Configs.Minimal + "[deploy]\ndrain = 30\n", 4, 9, "deploy.drain", "expected a duration string such as \"30s\", found an integer", "write \"30s\" for 30 seconds"),
        ["health interval too short"] = new(Configs.Minimal + "[health]\ninterval = \"1s\"\n", 4, 12, "health.interval", "\"1s\" is out of range (5s-5m)"),
        ["health timeout not shorter than the interval"] = new(Configs.Minimal + "[health]\ninterval = \"10s\"\ntimeout = \"10s\"\n", 5, 11, "health.timeout", "the timeout (10s) must be shorter than the interval (10s)"),
        ["success codes out of the ALB's range"] = new(Configs.Minimal + "[health]\nsuccess_codes = \"200-600\"\n", 4, 17, "health.success_codes", "\"200-600\" is not a list of HTTP success codes"),
        ["min greater than max"] = new(Configs.Minimal + "[scaling]\nmin = 5\nmax = 3\ncpu = 50\n", 4, 7, "scaling.min", "min (5) is greater than max (3)"),
        ["count with min and max"] = new(Configs.Minimal + "[scaling]\ncount = 2\nmin = 1\nmax = 3\ncpu = 50\n", 4, 9, "scaling.count", "count cannot be combined with min/max in the same table"),
        ["min without max"] = new(Configs.Minimal + "[scaling]\nmin = 2\ncpu = 50\n", 4, 7, "scaling.min", "min needs max as well"),
        ["autoscaling without a target"] = new(Configs.Minimal + "[scaling]\nmin = 2\nmax = 4\n", 5, 7, "scaling.max", "autoscaling between min and max needs a target"),
        ["scaling target without min and max"] = new(Configs.Minimal + "[scaling]\ncpu = 60\n", 4, 7, "scaling.cpu", "a scaling target needs min and max"),
        ["max_percent below 100"] = new(Configs.Minimal + "[deploy]\nmax_percent = 90\n", 4, 15, "deploy.max_percent", "90 is out of range (at least 100)"),
        ["min_healthy_percent above 100"] = new(Configs.Minimal + "[deploy]\nmin_healthy_percent = 150\n", 4, 23, "deploy.min_healthy_percent", "150 is out of range (0-100)"),
        ["deployment that can neither start nor stop a task"] = new(Configs.Minimal + "[deploy]\nmin_healthy_percent = 100\nmax_percent = 100\n", 5, 15, "deploy.max_percent", "max_percent (100) must be greater than min_healthy_percent (100)"),
        ["rollback without the circuit breaker"] = new(Configs.Minimal + "[deploy]\ncircuit_breaker = false\nrollback = true\n", 5, 12, "deploy.rollback", "rollback needs circuit_breaker = true"),
        ["environment variable name with a hyphen"] = new(Configs.Minimal + "[env]\nMY-VAR = \"x\"\n", 4, 1, "env.MY-VAR", "\"MY-VAR\" is not an environment variable name", "did you mean \"MY_VAR\"?"),
        ["environment variable name with a space"] = new(Configs.Minimal + "[env]\n\"my var\" = \"x\"\n", 4, 1, "env.\"my var\"", "\"my var\" is not an environment variable name", "did you mean \"MY_VAR\"?"),
        ["environment variable that is not a string"] = new(Configs.Minimal + "[env]\nDEBUG = true\n", 4, 9, "env.DEBUG", "expected a string, found a boolean", "write it in quotes: \"true\""),
        ["secret that is not a parameter name or ARN"] = new(Configs.Minimal + "[secrets]\nAPI_KEY = \"api-key\"\n", 4, 11, "secrets.API_KEY", "\"api-key\" is neither an SSM parameter name", "did you mean \"/api-key\"?"),
        ["secret and variable with the same name"] = new(Configs.Minimal + "[env]\nTOKEN = \"x\"\n[secrets]\nTOKEN = \"/api/token\"\n", 6, 9, "secrets.TOKEN", "TOKEN is both an environment variable and a secret"),
        ["variable the database sets"] = new(Configs.Minimal + "[database]\n[env]\nDB_HOST = \"localhost\"\n", 5, 11, "env.DB_HOST", "DB_HOST is set by the database"),
        ["secrets path without a leading slash"] = new("name = \"api\"\nport = 8080\nsecrets_path = \"api\"\n", 3, 16, "secrets_path", "\"api\" is not an SSM parameter path", "did you mean \"/api\"?"),
        ["database engine other than postgres"] = new(Configs.Minimal + "[database]\nengine = \"mysql\"\n", 4, 10, "database.engine", "\"mysql\" is not one of \"postgres\""),
        ["database storage below RDS's minimum"] = new(Configs.Minimal + "[database]\nstorage = 10\n", 4, 11, "database.storage", "10 is out of range (20-65536)"),
        ["NAT mode misspelt"] = new(Configs.Minimal + "[network]\nnat = \"per_az\"\n", 4, 7, "network.nat", "\"per_az\" is not one of \"per-az\", \"single\"", "did you mean \"per-az\"?"),
        ["malformed VPC id"] = new(Configs.Minimal + "[network]\nvpc_id = \"vpc-12\"\n", 4, 10, "network.vpc_id", "\"vpc-12\" is not a VPC id"),
        ["malformed certificate ARN"] = new(Configs.Minimal + "[network]\ncertificate = \"arn:aws:acm:us-east-1:1234:certificate/x\"\n", 4, 15, "network.certificate", "is not an ACM certificate ARN"),
        ["domain outside its hosted zone"] = new(Configs.Minimal + "[network]\ndomain = \"todo.example.org\"\nhosted_zone = \"example.com\"\n", 4, 10, "network.domain", "\"todo.example.org\" is not inside the hosted zone \"example.com\""),
        ["domain without hosted zone or certificate"] = new(Configs.Minimal + "[network]\ndomain = \"todo.example.com\"\n", 4, 10, "network.domain", "a domain needs hosted_zone"),
        ["log retention CloudWatch does not offer"] = new(Configs.Minimal + "[logs]\nretention_days = 31\n", 4, 18, "logs.retention_days", "31 is not an allowed value", "the nearest is 30"),
        ["container working directory that is not absolute"] = new(Configs.Minimal + "[container]\nworking_directory = \"app\"\n", 4, 21, "container.working_directory", "\"app\" is not an absolute path", "did you mean \"/app\"?"),
        ["container stop timeout over ECS's 120 s"] = new(Configs.Minimal + "[container]\nstop_timeout = \"3m\"\n", 4, 16, "container.stop_timeout", "\"3m\" is out of range (2s-2m)"),
        ["container soft limit over its hard limit"] = new(Configs.Minimal + "[container]\nmemory = 300\nmemory_reservation = 500\n", 5, 22, "container.memory_reservation", "memory_reservation (500 MiB) is more than memory (300 MiB)"),
        ["container limit over the task's memory"] = new(Configs.Minimal + "[container]\nmemory = 600\n", 4, 10, "container.memory", "600 MiB is more than the task's memory (512 MiB)"),
        ["container command written as one string"] = new(Configs.Minimal + "[container]\ncommand = \"dotnet App.dll\"\n", 4, 11, "container.command", "expected an array of strings, found a string"),
        ["container entry point that is empty"] = new(Configs.Minimal + "[container]\nentrypoint = []\n", 4, 14, "container.entrypoint", "an empty entry point runs nothing"),
        ["container limit over the task's memory in one environment"] = new(Configs.Minimal + "[container]\nmemory = 500\n" + Qa + "resources = { cpu = 256, memory = 512 }\ncontainer = { memory = 1024 }\n", 9, 24, "environments.qa.container.memory", "1024 MiB is more than the task's memory (512 MiB)"),
        ["permission action without its service"] = new(Configs.Minimal + "[permissions.statements.Queue]\nactions = [\"SendMessage\"]\nresources = [\"*\"]\n", 4, 12, "permissions.statements.Queue.actions", "\"SendMessage\" is not an IAM action", "an action names its service"),
        ["permission resource that is not an ARN"] = new(Configs.Minimal + "[permissions.statements.Queue]\nactions = [\"sqs:SendMessage\"]\nresources = [\"orders\"]\n", 5, 14, "permissions.statements.Queue.resources", "\"orders\" is not a resource ARN"),
        ["permission statement without resources"] = new(Configs.Minimal + "[permissions.statements.Queue]\nactions = [\"sqs:SendMessage\"]\n", 3, 25, "permissions.statements.Queue.resources", "required key is missing"),
        ["permission statement named with a hyphen"] = new(Configs.Minimal + "[permissions.statements.send-orders]\nactions = [\"sqs:SendMessage\"]\nresources = [\"*\"]\n", 3, 25, "permissions.statements.send-orders", "\"send-orders\" is not a statement id", "e.g. \"sendorders\""),
        ["managed policy that is not a policy ARN"] = new(Configs.Minimal + "[permissions]\nmanaged_policies = [\"AmazonSESFullAccess\"]\n", 4, 21, "permissions.managed_policies", "\"AmazonSESFullAccess\" is not an IAM managed policy ARN"),
        ["permission condition with an unknown operator"] = new(Configs.Minimal + "[permissions.statements.Queue]\nactions = [\"sqs:SendMessage\"]\nresources = [\"*\"]\nconditions = { StringIs = { \"aws:RequestedRegion\" = \"us-east-1\" } }\n", 6, 16, "permissions.statements.Queue.conditions.StringIs", "\"StringIs\" is not an IAM condition operator"),
        ["permission condition value that is a number"] = new(Configs.Minimal + "[permissions.statements.Queue]\nactions = [\"sqs:SendMessage\"]\nresources = [\"*\"]\nconditions = { NumericLessThan = { \"s3:max-keys\" = 10 } }\n", 6, 52, "permissions.statements.Queue.conditions.NumericLessThan.\"s3:max-keys\"", "expected a string or a non-empty array of strings"),
        ["database variable naming no field of the credentials"] = new(Configs.Minimal + "[database]\nenv = { DB_PWD = \"pass\" }\n", 4, 18, "database.env.DB_PWD", "\"pass\" is not one of \"host\", \"port\", \"dbname\", \"username\", \"password\", \"url\""),
        ["variable the database sets under the app's own name"] = new(Configs.Minimal + "[database]\nenv = { DATABASE_URL = \"url\" }\n[env]\nDATABASE_URL = \"postgres://localhost\"\n", 6, 16, "env.DATABASE_URL", "DATABASE_URL is set by the database"),
        ["IAM path without its slashes"] = new(Configs.Minimal + "[iam]\npath = \"delegatedadmin/developer\"\n", 4, 8, "iam.path", "\"delegatedadmin/developer\" is not an IAM path", "did you mean \"/delegatedadmin/developer/\"?"),
        ["permissions boundary that is a role"] = new(Configs.Minimal + "[iam]\npermissions_boundary = \"arn:aws:iam::111111111111:role/Boundary\"\n", 4, 24, "iam.permissions_boundary", "is not an IAM managed policy ARN"),
        ["build target that is no stage name"] = new(Configs.Minimal + "[image]\ntarget = \"run time\"\n", 4, 10, "image.target", "\"run time\" is not a build stage name"),
        ["build argument named with a hyphen"] = new(Configs.Minimal + "[image]\nbuild_args = { NUGET-SOURCE = \"x\" }\n", 4, 16, "image.build_args.NUGET-SOURCE", "is not an environment variable name"),
        ["build context outside the file's folder written as absolute"] = new(Configs.Minimal + "[image]\ncontext = \"/src\"\n", 4, 11, "image.context", "\"/src\" is not a relative path"),
        ["security group given by name"] = new(Configs.Minimal + "[network]\nsecurity_groups = [\"default\"]\n", 4, 20, "network.security_groups", "\"default\" is not a security group id", "not their names"),
        ["security group id with a wrong length"] = new(Configs.Minimal + "[network]\nsecurity_groups = [\"sg-12345\"]\n", 4, 20, "network.security_groups", "\"sg-12345\" is not a security group id (sg- and 8 or 17 hex digits)"),
        ["more security groups than ECS gives a task"] = new(Configs.Minimal + "[network]\nsecurity_groups = [\"sg-00000001\", \"sg-00000002\", \"sg-00000003\", \"sg-00000004\", \"sg-00000005\"]\n", 4, 19, "network.security_groups", "5 security groups are too many", "list at most 4"),
        ["ingress block with host bits set"] = new(Configs.Minimal + "[network]\ningress = [\"10.1.2.3/8\"]\n", 4, 12, "network.ingress", "\"10.1.2.3/8\" has host bits set past its /8 prefix", "did you mean \"10.0.0.0/8\"?"),
        ["ingress address without a prefix"] = new(Configs.Minimal + "[network]\ningress = [\"203.0.113.7\"]\n", 4, 12, "network.ingress", "\"203.0.113.7\" is an address, not a CIDR block", "did you mean \"203.0.113.7/32\""),
        ["ingress IPv6 block with a prefix past 128"] = new(Configs.Minimal + "[network]\ningress = [\"10.0.0.0/8\", \"2001:db8::/129\"]\n", 4, 26, "network.ingress", "\"2001:db8::/129\" is not a CIDR block"),
        ["ingress IPv4 block written short"] = new(Configs.Minimal + "[network]\ningress = [\"10.0/16\"]\n", 4, 12, "network.ingress", "\"10.0/16\" is not a CIDR block"),
        ["ingress that admits nobody"] = new(Configs.Minimal + "[network]\ningress = []\n", 4, 11, "network.ingress", "an empty list admits no client at all"),
        ["cluster name ECS does not allow"] = new(Configs.Minimal + "[environments.qa]\naccount = \"111111111111\"\nregion = \"us-east-1\"\nnetwork = { cluster = \"platform/shared\" }\n", 6, 23, "environments.qa.network.cluster", "\"platform/shared\" is not an ECS name"),
        ["local build that does not write to {out}"] = new(Configs.Minimal + "[local]\nbuild = \"dotnet publish\"\ncommand = \"dotnet Api.dll\"\n", 4, 9, "local.build", "the build command must write its output to the folder {out}"),
        ["local table without a command"] = new(Configs.Minimal + "[local]\nbuild = \"make OUT={out}\"\n", 3, 2, "local.command", "required key is missing"),
        ["malformed account id"] = new(Configs.Minimal + "[environments.qa]\naccount = \"12345\"\nregion = \"us-east-1\"\n", 4, 11, "environments.qa.account", "\"12345\" is not an AWS account id (12 digits)"),
        ["malformed region"] = new(Configs.Minimal + "[environments.qa]\naccount = \"111111111111\"\nregion = \"us-east\"\n", 5, 10, "environments.qa.region", "\"us-east\" is not an AWS region name"),
        ["environment without a region"] = new(Configs.Minimal + "[environments.qa]\naccount = \"111111111111\"\n", 3, 15, "environments.qa.region", "required key is missing"),
        ["misspelt environment key"] = new(Configs.Minimal + Qa + "requires_aproval = true\n", 6, 1, "environments.qa.requires_aproval", "unknown key \"requires_aproval\"", "did you mean \"requires_approval\"?"),
        ["requires_approval that is not a boolean"] = new(Configs.Minimal + Qa + "requires_approval = \"yes\"\n", 6, 21, "environments.qa.requires_approval", "expected a boolean (true or false), found a string"),
        ["invalid environment name"] = new(Configs.Minimal + "[environments.Prod]\naccount = \"111111111111\"\nregion = \"us-east-1\"\n", 3, 15, "environments.Prod", "\"Prod\" is not a valid environment name", "did you mean \"prod\"?"),
        ["name overridden per environment"] = new(Configs.Minimal + Qa + "name = \"other\"\n", 6, 1, "environments.qa.name", "\"name\" cannot be set per environment"),
        ["account for the local environment"] = new(Configs.Minimal + "[environments.local]\naccount = \"111111111111\"\n", 4, 1, "environments.local.account", "the local environment always runs on the local region"),
        ["environments that is not a table"] = new(Configs.Minimal + "environments = \"prod\"\n", 3, 16, "environments", "expected a table, found a string"),
        ["inline override with min greater than max"] = new(Configs.Minimal + Qa + "scaling = { min = 4, max = 2, cpu = 60 }\n", 6, 19, "environments.qa.scaling.min", "min (4) is greater than max (2)"),
        ["override that makes the inherited memory invalid"] = new(Configs.Minimal + "[resources]\ncpu = 256\nmemory = 512\n" + Qa + "resources = { cpu = 1024 }\n", 9, 21, "environments.qa.resources.cpu", "512 is not a valid memory size for cpu 1024 (valid: 2048-8192 in steps of 1024)", "memory 512 needs cpu 256"),
        ["certificate from another region"] = new(Configs.Minimal + Qa + "network = { certificate = \"arn:aws:acm:eu-west-1:111111111111:certificate/0a1b2c3d-0000-4000-8000-000000000000\" }\n", 6, 27, "environments.qa.network.certificate", "the certificate is in eu-west-1, but environment qa is in us-east-1"),
        ["flat key in a full file"] = new(Configs.Minimal + "region = \"us-east-1\"\n", 3, 1, "region", "\"region\" belongs to the flat format", "in a full fargo.toml, region is set per environment: [environments.<env>] region = \"…\""),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Fact]
    public void There_are_many_distinct_mistakes() => Assert.True(Cases.Count >= 25, $"only {Cases.Count} cases");

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Mistake_is_reported_once_with_its_location(string name)
    {
        var mistake = Cases[name];

        var problems = Configs.Problems(mistake.Toml);

        var problem = Assert.Single(problems);
        Assert.Equal(Configs.FileName, problem.File);
        Assert.Equal((mistake.Line, mistake.Column), (problem.Line, problem.Column));
        Assert.Equal(mistake.KeyPath, problem.KeyPath);
        Assert.Contains(mistake.Message, problem.Message, StringComparison.Ordinal);
        if (mistake.Hint is not null)
        {
            Assert.NotNull(problem.Hint);
            Assert.Contains(mistake.Hint, problem.Hint, StringComparison.Ordinal);
        }
    }

    private sealed record Mistake(string Toml, int Line, int Column, string KeyPath, string Message, string? Hint = null);
}

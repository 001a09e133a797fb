using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

[JsonConverter(typeof(AwsConstantJsonConverter<LogDriver>))]
public sealed record LogDriver(string Value) : IAwsConstant<LogDriver>
{
    public static LogDriver JsonFile { get; } = new("json-file");
    public static LogDriver Syslog { get; } = new("syslog");
    public static LogDriver Journald { get; } = new("journald");
    public static LogDriver Gelf { get; } = new("gelf");
    public static LogDriver Fluentd { get; } = new("fluentd");
    public static LogDriver Awslogs { get; } = new("awslogs");
    public static LogDriver Splunk { get; } = new("splunk");
    public static LogDriver Awsfirelens { get; } = new("awsfirelens");

    public static IReadOnlyList<LogDriver> KnownValues { get; } = [JsonFile, Syslog, Journald, Gelf, Fluentd, Awslogs, Splunk, Awsfirelens];

    public static LogDriver FromWire(string value) => new(value);

    public override string ToString() => Value;
}

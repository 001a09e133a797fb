using Fargo.Local.Api;
using Fargo.Local.Ecr;
using Fargo.Local.Ecs;
using Fargo.Local.Home;
using Fargo.Local.Logs;
using Fargo.Local.Ssm;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>The engine's stores on their own: SSM parameters, CloudWatch Logs events, and ECS's rules.</summary>
public sealed class StoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Parameters_keep_versions_and_survive_reopening_the_database()
    {
        var home = new FargoHome(_temp.Combine("home"));
        home.EnsureCreated();
        using (var store = new ParameterStore(home.StateDatabase, ParameterCipher.LoadOrCreate(home), TimeProvider.System))
        {
            store.Put("/app/key", "one", "SecureString", overwrite: false, "first", null, null, null, null);
            store.Put("/app/key", "two", null, overwrite: true, null, null, null, null, null);
        }

        using var reopened = new ParameterStore(home.StateDatabase, ParameterCipher.LoadOrCreate(home), TimeProvider.System);
        var current = reopened.Get("/app/key", withDecryption: true);
        Assert.Equal(("two", 2L, "SecureString"), (current.Value, current.Version, current.Type));
        Assert.Equal("one", reopened.Get("/app/key:1", withDecryption: true).Value);
        Assert.Equal("two", reopened.Get("arn:aws:ssm:local:000000000000:parameter/app/key", withDecryption: true).Value);
        Assert.NotEqual("two", reopened.Get("/app/key", withDecryption: false).Value);
        Assert.Equal("first", Assert.Single(reopened.Describe(null, null, null).Parameters).Description);
    }

    [Fact]
    public void A_SecureString_does_not_decrypt_with_another_home_s_key()
    {
        var home = new FargoHome(_temp.Combine("home"));
        home.EnsureCreated();
        using (var store = new ParameterStore(home.StateDatabase, ParameterCipher.LoadOrCreate(home), TimeProvider.System))
        {
            store.Put("/k", "secret", "SecureString", false, null, null, null, null, null);
        }

        File.Delete(home.ParameterKeyFile);
        using var reopened = new ParameterStore(home.StateDatabase, ParameterCipher.LoadOrCreate(home), TimeProvider.System);
        Assert.Equal(500, Assert.Throws<LocalServiceException>(() => reopened.Get("/k", withDecryption: true)).HttpStatus);
    }

    [Theory]
    [InlineData("aws/thing")]
    [InlineData("/ssm/thing")]
    [InlineData("a/b")]
    [InlineData("/a//b")]
    [InlineData("/a b")]
    public void Invalid_parameter_names_are_refused_with_ValidationException(string name)
    {
        using var store = NewParameterStore();
        var error = Assert.Throws<LocalServiceException>(() => store.Put(name, "v", "String", false, null, null, null, null, null));
        Assert.Equal("ValidationException", error.Code);
    }

    [Fact]
    public void An_allowed_pattern_is_enforced()
    {
        using var store = NewParameterStore();
        var error = Assert.Throws<LocalServiceException>(() => store.Put("/n", "abc", "String", false, null, null, "^[0-9]+$", null, null));
        Assert.Equal("ParameterPatternMismatchException", error.Code);
    }

    [Fact]
    public void GetLogEvents_reads_from_the_tail_by_default_and_hands_back_tokens_to_follow()
    {
        using var logs = new LogStore(_temp.Combine("logs.db"), TimeProvider.System);
        logs.CreateLogGroup("/g");
        var start = DateTimeOffset.UtcNow;
        logs.Append("/g", "s", Enumerable.Range(1, 5).Select(i => new CapturedLine(start.AddMilliseconds(i), "line " + i)).ToList(), "src", 10);

        var tail = logs.GetLogEvents("/g", "s", null, null, null, 2, startFromHead: false);
        var head = logs.GetLogEvents("/g", "s", null, null, null, 2, startFromHead: true);
        var next = logs.GetLogEvents("/g", "s", null, null, head.NextForwardToken, 10, startFromHead: true);
        var end = logs.GetLogEvents("/g", "s", null, null, next.NextForwardToken, 10, startFromHead: true);
        logs.Append("/g", "s", [new CapturedLine(start.AddSeconds(1), "line 6")], "src", 20);
        var more = logs.GetLogEvents("/g", "s", null, null, end.NextForwardToken, 10, startFromHead: true);
        var back = logs.GetLogEvents("/g", "s", null, null, tail.NextBackwardToken, 2, startFromHead: false);

        Assert.Equal(["line 4", "line 5"], tail.Events.Select(e => e.Message));
        Assert.Equal(["line 1", "line 2"], head.Events.Select(e => e.Message));
        Assert.Equal(["line 3", "line 4", "line 5"], next.Events.Select(e => e.Message));
        Assert.Empty(end.Events);
        Assert.Equal(next.NextForwardToken, end.NextForwardToken);
        Assert.Equal(["line 6"], more.Events.Select(e => e.Message));
        Assert.Equal(["line 2", "line 3"], back.Events.Select(e => e.Message));
        Assert.Equal(20, logs.GetCaptureOffset("src"));
    }

    [Fact]
    public void FilterLogEvents_matches_terms_phrases_alternatives_and_exclusions_across_streams_in_time_order()
    {
        using var logs = new LogStore(_temp.Combine("logs.db"), TimeProvider.System);
        logs.CreateLogGroup("/g");
        var t = DateTimeOffset.UtcNow;
        logs.Append("/g", "a", [new(t.AddMilliseconds(1), "ERROR disk full"), new(t.AddMilliseconds(3), "INFO all good")], null, 0);
        logs.Append("/g", "b", [new(t.AddMilliseconds(2), "ERROR timeout talking to db"), new(t.AddMilliseconds(4), "WARN slow request")], null, 0);

        static string[] Messages(FilteredLogEvents events) => events.Events.Select(e => e.Message).ToArray();

        Assert.Equal(["ERROR disk full", "ERROR timeout talking to db"], Messages(logs.FilterLogEvents("/g", null, null, null, null, "ERROR", null, null)));
        Assert.Equal(["ERROR timeout talking to db"], Messages(logs.FilterLogEvents("/g", null, null, null, null, "ERROR -disk", null, null)));
        Assert.Equal(["ERROR timeout talking to db", "WARN slow request"], Messages(logs.FilterLogEvents("/g", ["b"], null, null, null, null, null, null)));
        Assert.Equal(["ERROR disk full", "WARN slow request"], Messages(logs.FilterLogEvents("/g", null, null, null, null, "?disk ?slow", null, null)));
        Assert.Equal(["INFO all good"], Messages(logs.FilterLogEvents("/g", null, null, null, null, "\"all good\"", null, null)));

        var first = logs.FilterLogEvents("/g", null, null, null, null, null, null, 3);
        var rest = logs.FilterLogEvents("/g", null, null, null, null, null, first.NextToken, 3);
        Assert.Equal(3, first.Events.Count);
        Assert.Equal(["WARN slow request"], Messages(rest));
        Assert.Null(rest.NextToken);
        Assert.Throws<LocalServiceException>(() => logs.FilterLogEvents("/g", null, null, null, null, "{ $.level = \"x\" }", null, null));
    }

    [Fact]
    public void Lines_for_a_missing_log_group_are_not_stored()
    {
        using var logs = new LogStore(_temp.Combine("logs.db"), TimeProvider.System);
        Assert.False(logs.Append("/missing", "s", [new(DateTimeOffset.UtcNow, "x")], "src", 1));
        Assert.Equal(0, logs.GetCaptureOffset("src"));
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(6, 3)]
    [InlineData(7, 4)]
    [InlineData(25, 13)]
    [InlineData(400, 200)]
    [InlineData(800, 200)]
    public void The_circuit_breaker_threshold_is_half_the_desired_count_clamped_to_3_and_200(int desired, int threshold)
    {
        Assert.Equal(threshold, EcsControlPlane.CircuitBreakerThreshold(desired));
    }

    [Theory]
    [InlineData(256, 512, true)]
    [InlineData(256, 4096, false)]
    [InlineData(1024, 3072, true)]
    [InlineData(4096, 30720, true)]
    [InlineData(8192, 20480, true)]
    [InlineData(8192, 18432, false)]
    [InlineData(300, 1024, false)]
    public void Only_Fargate_s_cpu_and_memory_combinations_are_accepted(int cpu, int memory, bool valid)
    {
        Assert.Equal(valid, EcsControlPlane.IsFargateSize(cpu, memory));
    }

    [Theory]
    [InlineData("000000000000.dkr.ecr.local.localhost/shop/api:r1", "shop/api", "r1", null)]
    [InlineData("shop/api", "shop/api", "latest", null)]
    [InlineData("000000000000.dkr.ecr.local.localhost/api@sha256:0000000000000000000000000000000000000000000000000000000000000000", "api", null, "sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    public void Image_references_of_the_local_registry_are_understood(string image, string repository, string? tag, string? digest)
    {
        Assert.Equal(new ImageReference(repository, tag, digest), ImageReference.TryParse(image));
    }

    [Theory]
    [InlineData("public.ecr.aws/docker/library/python:3")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1")]
    [InlineData("Upper/Case")]
    public void Other_registries_and_malformed_names_are_not_local_images(string image)
    {
        Assert.Null(ImageReference.TryParse(image));
    }

    private ParameterStore NewParameterStore()
    {
        var home = new FargoHome(_temp.Combine("home-" + Guid.NewGuid().ToString("N")));
        home.EnsureCreated();
        return new ParameterStore(home.StateDatabase, ParameterCipher.LoadOrCreate(home), TimeProvider.System);
    }
}

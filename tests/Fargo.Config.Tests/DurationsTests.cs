namespace Fargo.Config.Tests;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("2m30s", 150)]
    [InlineData("1h0m5s", 3605)]
    [InlineData("90s", 90)]
    [InlineData("0s", 0)]
    public void Parses_hours_minutes_and_seconds(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(text));

    [Theory]
    [InlineData("", "cannot be empty")]
    [InlineData("30", "has no unit")]
    [InlineData("5x", "is not a duration")]
    [InlineData("-5s", "is not a duration")]
    [InlineData("1.5s", "is not a duration")]
    [InlineData("5m1h", "is not a duration")]
    [InlineData("1h 30m", "is not a duration")]
    [InlineData("s", "is not a duration")]
    [InlineData("5 m", "is not a duration")]
    [InlineData("5S", "is not a duration")]
    [InlineData("99999999999h", "is too long")]
    [InlineData("600000h", "is too long")]
    public void Rejects_what_is_not_a_duration(string text, string reason)
    {
        Assert.False(Durations.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Durations.Parse(text));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(30, "30s")]
    [InlineData(90, "1m30s")]
    [InlineData(900, "15m")]
    [InlineData(3600, "1h")]
    [InlineData(5400, "1h30m")]
    [InlineData(90061, "25h1m1s")]
    public void Formats_the_shortest_form_that_parses_back(int seconds, string text)
    {
        Assert.Equal(text, Durations.Format(TimeSpan.FromSeconds(seconds)));
        Assert.Equal(TimeSpan.FromSeconds(seconds), Durations.Parse(text));
    }

    [Fact]
    public void Refuses_to_format_what_fargo_toml_cannot_write()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Durations.Format(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Durations.Format(TimeSpan.FromMilliseconds(1500)));
    }
}

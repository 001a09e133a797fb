using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Fargo.Config;

/// <summary>
/// Durations as fargo.toml writes them: whole hours, minutes and seconds in that order, each at most once,
/// e.g. "30s", "5m", "1h", "1h30m", "2m30s". "0s" is zero; anything else (no unit, a sign, a fraction,
/// another unit) is not a duration.
/// </summary>
public static partial class Durations
{
    /// <summary>The longest duration accepted: ECS and ELB limits are all well below it.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(int.MaxValue);

    public static bool TryParse(string text, out TimeSpan value, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = TimeSpan.Zero;
        var match = Grammar().Match(text);
        if (!match.Success)
        {
            error = Explain(text);
            return false;
        }

        long seconds = 0;
        foreach (var (group, unit) in new[] { ("h", 3600L), ("m", 60L), ("s", 1L) })
        {
            var digits = match.Groups[group];
            if (!digits.Success)
            {
                continue;
            }

            // Ten digits of any unit already exceed the maximum; this also keeps the arithmetic from overflowing.
            if (digits.Value.Length > 10 || (seconds += long.Parse(digits.Value, CultureInfo.InvariantCulture) * unit) > int.MaxValue)
            {
                error = $"\"{text}\" is too long (at most {Format(Maximum)})";
                return false;
            }
        }

        value = TimeSpan.FromSeconds(seconds);
        error = null;
        return true;
    }

    /// <summary>Parses a duration; throws <see cref="FormatException"/> with the reason when it is not one.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>The shortest form: 90 seconds is "1m30s", zero is "0s". Durations are whole, non-negative seconds.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero || duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A fargo.toml duration is a whole, non-negative number of seconds.");
        }

        var total = (long)duration.TotalSeconds;
        if (total == 0)
        {
            return "0s";
        }

        var text = new StringBuilder();
        Append(text, total / 3600, 'h');
        Append(text, total % 3600 / 60, 'm');
        Append(text, total % 60, 's');
        return text.ToString();
    }

    private static void Append(StringBuilder text, long amount, char unit)
    {
        if (amount != 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }

    private static string Explain(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return "a duration cannot be empty; write e.g. \"30s\"";
        }

        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return $"\"{text}\" has no unit; write e.g. \"{trimmed}s\" (units: h, m, s)";
        }

        return $"\"{text}\" is not a duration; write whole numbers with units h, m, s in that order, e.g. \"30s\", \"5m\", \"1h30m\"";
    }

    [GeneratedRegex(@"^(?=\d)(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?(?:(?<s>\d+)s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}

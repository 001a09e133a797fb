namespace Fargo.Infrastructure.Stacks;

/// <summary>The retention periods CloudWatch Logs accepts (PutRetentionPolicy).</summary>
internal static class LogRetention
{
    public static readonly IReadOnlyList<int> AllowedDays =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    public static int Validate(int days) => AllowedDays.Contains(days)
        ? days
        : throw new InfrastructureConfigurationException(
            $"log retention of {days} days is not one CloudWatch Logs accepts; choose one of {string.Join(", ", AllowedDays)}");
}

namespace Fargo.Config;

/// <summary>The task sizes Fargate accepts: each CPU size allows a range of memory sizes (MiB).</summary>
public static class FargateTaskSizes
{
    private static readonly (int Cpu, int From, int To, int Step)[] Sizes =
    [
        (256, 512, 2048, 0), // 512, 1024, 2048: not an even step
        (512, 1024, 4096, 1024),
        (1024, 2048, 8192, 1024),
        (2048, 4096, 16384, 1024),
        (4096, 8192, 30720, 1024),
        (8192, 16384, 61440, 4096),
        (16384, 32768, 122880, 8192),
    ];

    /// <summary>The CPU sizes in CPU units (1024 = 1 vCPU), smallest first.</summary>
    public static IReadOnlyList<int> CpuSizes { get; } = [.. Sizes.Select(s => s.Cpu)];

    /// <summary>The memory sizes allowed with a CPU size, smallest first; empty for a size Fargate does not have.</summary>
    public static IReadOnlyList<int> MemorySizes(int cpu) => Sizes.FirstOrDefault(s => s.Cpu == cpu) switch
    {
        (0, _, _, _) => [],
        (_, var from, var to, 0) => [from, from * 2, to],
        (_, var from, var to, var step) => [.. Enumerable.Range(0, ((to - from) / step) + 1).Select(i => from + (i * step))],
    };

    public static bool IsValid(int cpu, int memory) => MemorySizes(cpu).Contains(memory);

    /// <summary>The memory sizes of a CPU size as a reader wants them: "512, 1024, 2048" or "2048-8192 in steps of 1024".</summary>
    public static string DescribeMemorySizes(int cpu) => Sizes.FirstOrDefault(s => s.Cpu == cpu) switch
    {
        (0, _, _, _) => "none",
        (_, _, _, 0) => string.Join(", ", MemorySizes(cpu)),
        (_, var from, var to, var step) => $"{from}-{to} in steps of {step}",
    };
}

using System.Diagnostics;

namespace Fargo.Deploy.Images.Building;

/// <summary>A finished build: the image, how long it took, and whether --test ran (and passed) inside it.</summary>
public sealed record ImageBuildResult(string Image, TimeSpan Elapsed, bool Tested);

/// <summary>Runs an <see cref="ImageBuildPlan"/>: each build command, then each test; the first failure stops it.</summary>
public static class ImageBuilder
{
    /// <param name="plan">What to run.</param>
    /// <param name="starting">Told each command before it runs.</param>
    /// <param name="output">The commands' output, line by line.</param>
    /// <param name="cancellationToken">Stops the running command.</param>
    public static async Task<ImageBuildResult> RunAsync(ImageBuildPlan plan, IProgress<ProcessCommand>? starting, IProgress<string>? output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var clock = Stopwatch.StartNew();
        foreach (var command in plan.Build)
        {
            starting?.Report(command);
            await ProcessRunner.RunAsync(command, plan.WorkingDirectory, output, "Fix the build, then run it again.", cancellationToken);
        }

        foreach (var test in plan.Tests)
        {
            starting?.Report(test);
            await ProcessRunner.RunAsync(
                test,
                plan.WorkingDirectory,
                output,
                $"The image {plan.Image} was built, but its test `{test.ToShell()}` failed, so it should not be pushed. Fix the service or the test, then build again.",
                cancellationToken);
        }

        return new ImageBuildResult(plan.Image, clock.Elapsed, plan.Tests.Count > 0);
    }
}

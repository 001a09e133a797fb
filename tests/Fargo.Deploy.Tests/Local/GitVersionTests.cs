using System.Diagnostics;
using Fargo.Deploy.Local;

namespace Fargo.Deploy.Tests.Local;

/// <summary>
/// The default version: the commit when the tree is clean, and for a dirty tree a tag per state of the changes, so that
/// pushing into an immutable repository works again after the next edit and needs nothing new when nothing changed.
/// </summary>
public sealed class GitVersionTests : IDisposable
{
    private readonly string _repository = Path.Combine(Path.GetTempPath(), "fargo-gitversion-" + Guid.NewGuid().ToString("N"));

    public GitVersionTests()
    {
        Directory.CreateDirectory(_repository);
        Git("init", "-q");
        File.WriteAllText(Path.Combine(_repository, "app.txt"), "one\n");
        Git("add", ".");
        Git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "first");
    }

    public void Dispose() => Directory.Delete(_repository, recursive: true);

    [Fact]
    public async Task Each_state_of_the_changes_has_a_version_of_its_own_and_the_same_state_the_same_one()
    {
        var sha = Git("rev-parse", "--short", "HEAD").Trim();
        Assert.Equal(sha, await GitVersion.ResolveAsync(_repository, CancellationToken.None));

        File.WriteAllText(Path.Combine(_repository, "app.txt"), "two\n");
        var edited = await GitVersion.ResolveAsync(_repository, CancellationToken.None);
        Assert.Matches($"^{sha}-dirty-[0-9a-f]{{8}}$", edited);
        Assert.Equal(edited, await GitVersion.ResolveAsync(_repository, CancellationToken.None));

        File.WriteAllText(Path.Combine(_repository, "app.txt"), "three\n");
        var editedAgain = await GitVersion.ResolveAsync(_repository, CancellationToken.None);
        Assert.NotEqual(edited, editedAgain);

        File.WriteAllText(Path.Combine(_repository, "new.txt"), "a\n");
        var withNewFile = await GitVersion.ResolveAsync(_repository, CancellationToken.None);
        File.WriteAllText(Path.Combine(_repository, "new.txt"), "b\n");
        Assert.NotEqual(withNewFile, editedAgain);
        Assert.NotEqual(withNewFile, await GitVersion.ResolveAsync(_repository, CancellationToken.None));
    }

    private string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _repository, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
        return output;
    }
}

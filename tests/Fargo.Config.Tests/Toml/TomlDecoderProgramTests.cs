using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Fargo.Config.Tests.Toml;

/// <summary>The toml-test decoder program, run as a process: TOML on stdin, tagged JSON on stdout, exit code.</summary>
public sealed class TomlDecoderProgramTests
{
    [Fact]
    public async Task Valid_toml_prints_tagged_json_and_exits_0()
    {
        const string toml = """
            name = "todo-api"
            port = 8080
            ratio = -0.5
            on = true
            when = 1979-05-27 07:32:00z
            [[server]]
            ports = [1, 2]
            """;

        var result = await DecoderRun.RunAsync(Encoding.UTF8.GetBytes(toml));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        using var actual = JsonDocument.Parse(result.Stdout);
        using var expected = JsonDocument.Parse("""
            {
              "name": {"type": "string", "value": "todo-api"},
              "port": {"type": "integer", "value": "8080"},
              "ratio": {"type": "float", "value": "-0.5"},
              "on": {"type": "bool", "value": "true"},
              "when": {"type": "datetime", "value": "1979-05-27T07:32:00Z"},
              "server": [ {"ports": [ {"type": "integer", "value": "1"}, {"type": "integer", "value": "2"} ]} ]
            }
            """);
        Assert.Null(TaggedJsonComparer.FindDifference(expected.RootElement, actual.RootElement));
    }

    [Fact]
    public async Task Empty_input_is_an_empty_table()
    {
        var result = await DecoderRun.RunAsync([]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("{}", result.Stdout.Trim());
    }

    [Fact]
    public async Task Invalid_toml_exits_1_with_the_located_error_on_stderr()
    {
        var result = await DecoderRun.RunAsync(Encoding.UTF8.GetBytes("a = 1\nb = \"never closed\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("line 2, column 5", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("never closed", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_exits_1()
    {
        var result = await DecoderRun.RunAsync([(byte)'a', (byte)'=', (byte)'"', 0xC3, 0x28, (byte)'"']);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("UTF-8", result.Stderr, StringComparison.Ordinal);
    }

    public static TheoryData<string> SampleCases()
    {
        var data = new TheoryData<string>();
        foreach (var testCase in new[]
                 {
                     "valid/spec-example-1.toml", "valid/string/escapes.toml", "valid/table/array-implicit.toml",
                     "valid/datetime/timezone.toml", "invalid/table/duplicate-key-02.toml", "invalid/encoding/bad-utf8-in-string-literal.toml",
                 })
        {
            if (TomlTestSuite.IsPresent && File.Exists(TomlTestSuite.PathOf(testCase)))
            {
                data.Add(testCase);
            }
        }

        return data;
    }

    [TomlTestSuiteTheory]
    [MemberData(nameof(SampleCases))]
    [Trait("Category", "Conformance")]
    public async Task Decoder_program_handles_toml_test_cases(string testCase)
    {
        var file = TomlTestSuite.PathOf(testCase);

        var result = await DecoderRun.RunAsync(await File.ReadAllBytesAsync(file));

        if (testCase.StartsWith("invalid/", StringComparison.Ordinal))
        {
            Assert.Equal(1, result.ExitCode);
            Assert.NotEqual("", result.Stderr);
            return;
        }

        Assert.Equal(0, result.ExitCode);
        using var expected = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.ChangeExtension(file, ".json")));
        using var actual = JsonDocument.Parse(result.Stdout);
        var difference = TaggedJsonComparer.FindDifference(expected.RootElement, actual.RootElement);
        Assert.True(difference is null, difference);
    }
}

internal sealed record DecoderRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs the built TomlDecoder (copied beside the tests by the project reference) under the dotnet host.</summary>
    public static async Task<DecoderRun> RunAsync(byte[] stdin)
    {
        var decoder = Path.Combine(AppContext.BaseDirectory, "TomlDecoder.dll");
        Assert.True(File.Exists(decoder), $"decoder not built at {decoder}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(decoder);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var process = Process.Start(start)!;
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.BaseStream.WriteAsync(stdin, timeout.Token);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            return new DecoderRun(process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}

using System.Net;
using System.Net.Sockets;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests;

/// <summary>
/// Start-up time: commands that don't synthesize load no CDK or jsii assembly (they are large and slow to load).
/// Read through the documented diagnostic FARGO_DIAGNOSTICS_LOADED_ASSEMBLIES=1 of the built tool, run as its own process.
/// </summary>
public sealed class StartupAssemblyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Validate_and_status_load_no_cdk_or_jsii_assembly()
    {
        _folder.Write("fargo.toml", Configs.Valid);
        var environment = new Dictionary<string, string>
        {
            ["FARGO_DIAGNOSTICS_LOADED_ASSEMBLIES"] = "1",
            ["FARGO_HOME"] = Path.Combine(_folder.Path, "home"),
            ["FARGO_LOCAL_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        try
        {
            var validate = await FargoProcess.RunAsync(_folder.Path, environment, "validate");
            var status = await FargoProcess.RunAsync(_folder.Path, environment, "status");

            Assert.True(validate.ExitCode == 0, validate.ToString());
            foreach (var result in new[] { validate, status })
            {
                var loaded = result.Error.Split('\n').Where(l => l.StartsWith("loaded-assembly: ", StringComparison.Ordinal)).ToList();
                Assert.Contains("loaded-assembly: fargo", loaded);
                Assert.DoesNotContain(loaded, l => l.StartsWith("loaded-assembly: Amazon.CDK", StringComparison.Ordinal) || l.StartsWith("loaded-assembly: Amazon.JSII", StringComparison.Ordinal));
            }

            // status reached the local region (it started the engine): its assemblies are those of a real status.
            Assert.Contains("loaded-assembly: Fargo.Local", status.Error.Split('\n'));
        }
        finally
        {
            await FargoProcess.RunAsync(_folder.Path, environment, "local", "stop");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

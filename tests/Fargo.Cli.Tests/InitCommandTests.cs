using System.Text.Json;
using Fargo.Cli.Tests.Support;
using Fargo.Config;

namespace Fargo.Cli.Tests;

public sealed class InitCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Detects_the_web_project_its_Dockerfile_and_port_and_writes_a_file_that_loads()
    {
        _folder.Write("src/Shop.Api/Shop.Api.csproj", Projects.WebCsproj);
        _folder.Write("tests/Shop.Tests/Shop.Tests.csproj", Projects.LibraryCsproj);
        _folder.Write("Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:10.0\nEXPOSE 8081\nENTRYPOINT [\"dotnet\", \"Shop.Api.dll\"]\n");

        var result = await FargoCli.RunAsync(_folder.Path, "init");

        Assert.Equal(0, result.ExitCode);
        var settings = LoadLocal(_folder.File("fargo.toml"));
        Assert.Equal("shop-api", settings.Name);
        Assert.Equal(8081, settings.Port);
        Assert.Equal("dotnet publish src/Shop.Api -c Release -o {out}", settings.Local!.Build);
        Assert.Equal("dotnet Shop.Api.dll", settings.Local.Command);
        Assert.Equal(Path.Combine(_folder.Path, "Dockerfile"), Path.GetFullPath(settings.Image.Dockerfile, _folder.Path));
        Assert.Contains("Wrote fargo.toml for shop-api", result.Out, StringComparison.Ordinal);
        Assert.Contains("src/Shop.Api/Shop.Api.csproj", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_written_file_passes_validate()
    {
        _folder.Write("Web.csproj", Projects.WebCsproj);
        Assert.Equal(0, (await FargoCli.RunAsync(_folder.Path, "init")).ExitCode);

        var validate = await FargoCli.RunAsync(_folder.Path, "validate");

        Assert.True(validate.ExitCode == 0, validate.ToString());
    }

    [Fact]
    public async Task A_port_from_launch_settings_is_also_set_for_the_container()
    {
        _folder.Write("Api/Api.csproj", Projects.WebCsproj);
        _folder.Write("Api/Properties/launchSettings.json", Projects.LaunchSettings);

        Assert.Equal(0, (await FargoCli.RunAsync(_folder.Path, "init")).ExitCode);

        // The first "Project" profile with a plain-HTTP URL: "https" lists http://localhost:5043 second.
        var settings = LoadLocal(_folder.File("fargo.toml"));
        Assert.Equal(5043, settings.Port);
        Assert.Equal("5043", settings.Env["ASPNETCORE_HTTP_PORTS"]);
        Assert.Contains("launchSettings.json", _folder.Read("fargo.toml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_hints_the_port_is_8080_and_a_found_health_endpoint_is_used()
    {
        _folder.Write("Api.csproj", Projects.WebCsproj.Replace("<TargetFramework>", "<AssemblyName>Acme.Orders</AssemblyName><TargetFramework>", StringComparison.Ordinal));
        _folder.Write("Program.cs", Projects.ProgramWithHealthChecks);

        Assert.Equal(0, (await FargoCli.RunAsync(_folder.Path, "init")).ExitCode);

        var settings = LoadLocal(_folder.File("fargo.toml"));
        Assert.Equal(8080, settings.Port);
        Assert.Equal("/healthz", settings.Health.Path);
        Assert.Equal("acme-orders", settings.Name);
        Assert.Equal("dotnet Acme.Orders.dll", settings.Local!.Command);
        Assert.False(settings.Env.ContainsKey("ASPNETCORE_HTTP_PORTS"));
    }

    [Fact]
    public async Task A_folder_without_a_web_project_still_gets_a_valid_file_that_says_what_to_fill_in()
    {
        _folder.Write("Lib/Lib.csproj", Projects.LibraryCsproj);

        var result = await FargoCli.RunAsync(_folder.Path, "init");

        Assert.Equal(0, result.ExitCode);
        var settings = LoadLocal(_folder.File("fargo.toml"));
        Assert.Null(settings.Local);
        Assert.Equal(8080, settings.Port);
        Assert.Contains("# [local]", _folder.Read("fargo.toml"), StringComparison.Ordinal);
        Assert.Contains("no ASP.NET Core project found", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Never_overwrites_without_force()
    {
        _folder.Write("Web.csproj", Projects.WebCsproj);
        _folder.Write("fargo.toml", "name = \"mine\"\nport = 9000\n");

        var refused = await FargoCli.RunAsync(_folder.Path, "init");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("name = \"mine\"\nport = 9000\n", _folder.Read("fargo.toml"));
        Assert.Contains("already exists", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);

        var forced = await FargoCli.RunAsync(_folder.Path, "init", "--force");

        Assert.Equal(0, forced.ExitCode);
        Assert.Equal("web", LoadLocal(_folder.File("fargo.toml")).Name);
        Assert.Contains("Replaced", forced.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_to_the_config_path_when_one_is_given_and_reports_json()
    {
        _folder.Write("svc/Svc.csproj", Projects.WebCsproj);

        var result = await FargoCli.RunAsync(_folder.Path, "init", "--config", "svc/fargo.toml", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(_folder.File("svc/fargo.toml"), json.RootElement.GetProperty("file").GetString());
        Assert.Equal("svc", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("Svc.csproj", json.RootElement.GetProperty("project").GetString());
        Assert.False(json.RootElement.GetProperty("overwritten").GetBoolean());
        Assert.Equal("dotnet Svc.dll", LoadLocal(_folder.File("svc/fargo.toml")).Local!.Command);
    }

    [Fact]
    public async Task Detects_the_example_service()
    {
        CopyExampleWithoutConfig(Repository.Example, _folder.Path);

        var result = await FargoCli.RunAsync(_folder.Path, "init");

        Assert.Equal(0, result.ExitCode);
        var settings = LoadLocal(_folder.File("fargo.toml"));
        Assert.Equal("todo-api", settings.Name);
        Assert.Equal(8080, settings.Port);
        Assert.Equal("dotnet TodoApi.dll", settings.Local!.Command);
        Assert.Equal("dotnet publish src/TodoApi -c Release -o {out}", settings.Local.Build);
        Assert.Contains("dockerfile = \"Dockerfile\"", _folder.Read("fargo.toml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TodoApi", "todo-api")]
    [InlineData("HTTPServer", "http-server")]
    [InlineData("My.Web_App", "my-web-app")]
    [InlineData("api2Go", "api2-go")]
    [InlineData("3d-viewer", "app-3d-viewer")]
    [InlineData("Contoso.Enterprise.Billing.Reconciliation.Api", "contoso-enterprise-billing-recon")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcde_X", "abcdefghijklmnopqrstuvwxyzabcde")]
    public void Service_names_are_kebab_case(string identifier, string expected)
    {
        Assert.Equal(expected, Init.ServiceNames.FromIdentifier(identifier));
    }

    private static Config.Model.ServiceSettings LoadLocal(string path) =>
        Assert.IsType<ServiceConfig>(new ConfigLoader().Load(path)).ForEnvironment("local");

    private static void CopyExampleWithoutConfig(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (relative == "fargo.toml" || parts.Any(p => p is "bin" or "obj"))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

public sealed class InitTemplateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Layouts() => ["web project with Dockerfile", "no project"];

    /// <summary>The commented examples in the file are real configuration: uncommented, they still load.</summary>
    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Every_example_in_the_comments_is_valid_when_uncommented(string layout)
    {
        if (layout == "web project with Dockerfile")
        {
            _folder.Write("Api/Api.csproj", Projects.WebCsproj);
            _folder.Write("Dockerfile", "FROM scratch\n");
        }

        Assert.Equal(0, (await FargoCli.RunAsync(_folder.Path, "init")).ExitCode);
        var lines = _folder.Read("fargo.toml").Split('\n');
        var uncommented = lines.Select(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^# (\[[a-z.]+\]|[A-Za-z_]+ = .*)$") ? l[2..] : l).ToList();
        Assert.True(uncommented.Count(l => !l.StartsWith('#')) > lines.Count(l => !l.StartsWith('#')) + 8, "the template lost its commented examples");
        _folder.Write("fargo.toml", string.Join('\n', uncommented));

        var validate = await FargoCli.RunAsync(_folder.Path, "validate");

        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Contains("prod", validate.Out, StringComparison.Ordinal);
    }
}

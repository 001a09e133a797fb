namespace Fargo.Cli.Tests.Support;

/// <summary>Small project folders for `fargo init` to find.</summary>
internal static class Projects
{
    public const string WebCsproj = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
        </Project>
        """;

    public const string LibraryCsproj = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
        </Project>
        """;

    public const string LaunchSettings = """
        {
          "$schema": "https://json.schemastore.org/launchsettings.json",
          "profiles": {
            "https": { "commandName": "Project", "applicationUrl": "https://localhost:7043;http://localhost:5043" },
            "http": { "commandName": "Project", "applicationUrl": "http://localhost:5031" },
            "IIS Express": { "commandName": "IISExpress" }
          }
        }
        """;

    public const string ProgramWithHealthChecks = """
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHealthChecks();
        var app = builder.Build();
        app.MapHealthChecks("/healthz");
        app.Run();
        """;
}

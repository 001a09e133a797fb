namespace Fargo.Cli.Rendering;

internal enum OutputFormat
{
    /// <summary>For people: styled, coloured when the terminal allows.</summary>
    Text,

    /// <summary>For scripts: one JSON document on stdout; failures as one JSON object on stderr.</summary>
    Json,
}

internal static class OutputFormats
{
    public const string Text = "text";
    public const string Json = "json";

    public static OutputFormat Parse(string? value) =>
        string.Equals(value, Json, StringComparison.OrdinalIgnoreCase) ? OutputFormat.Json : OutputFormat.Text;
}

using Fargo.Config.Toml;
using TomlDecoder;

// toml-test decoder: TOML on stdin, tagged JSON on stdout (exit 0); invalid TOML: the error on stderr, exit 1.
using var input = new MemoryStream();
using (var stdin = Console.OpenStandardInput())
{
    await stdin.CopyToAsync(input);
}

TomlTable document;
try
{
    document = TomlParser.Parse(input.GetBuffer().AsSpan(0, (int)input.Length));
}
catch (TomlException e)
{
    await Console.Error.WriteLineAsync($"invalid TOML at line {e.Position.Line}, column {e.Position.Column}: {e.Reason}");
    return 1;
}

using (var stdout = Console.OpenStandardOutput())
{
    TomlTaggedJson.Write(stdout, document);
    stdout.WriteByte((byte)'\n');
}

return 0;

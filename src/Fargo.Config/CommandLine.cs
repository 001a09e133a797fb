using System.Text;

namespace Fargo.Config;

/// <summary>
/// Splits a command written as one string ([local].command, [local].build) into arguments the way a POSIX shell
/// splits words: whitespace separates, single quotes keep everything literally, double quotes keep spaces and honour
/// backslash escapes of " \ $ `. No expansion of any kind happens, so what is written is what runs. The service
/// stack (the local environment's container command) and the task definition renderer both split with it.
/// </summary>
public static class CommandLine
{
    public static IReadOnlyList<string> Split(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(current.ToString());
                        current.Clear();
                        inWord = false;
                    }

                    break;
                case '\'':
                    inWord = true;
                    var close = command.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new ConfigException($"The command `{command}` has an unclosed single quote.");
                    }

                    current.Append(command, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    inWord = true;
                    i++;
                    for (; i < command.Length && command[i] != '"'; i++)
                    {
                        if (command[i] == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        current.Append(command[i]);
                    }

                    if (i >= command.Length)
                    {
                        throw new ConfigException($"The command `{command}` has an unclosed double quote.");
                    }

                    break;
                case '\\' when i + 1 < command.Length:
                    inWord = true;
                    current.Append(command[++i]);
                    break;
                default:
                    inWord = true;
                    current.Append(c);
                    break;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}

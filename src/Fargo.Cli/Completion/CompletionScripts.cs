namespace Fargo.Cli.Completion;

/// <summary>
/// Shell scripts that complete `fargo` command lines by asking fargo itself, through System.CommandLine's
/// suggest directive: `fargo "[suggest:N]" "LINE"` prints the candidates for the word at character N of LINE,
/// one per line. No dotnet-suggest is needed. Completions for --env come from the configuration file.
/// </summary>
internal static class CompletionScripts
{
    public static IReadOnlyList<string> Shells { get; } = ["bash", "zsh", "pwsh"];

    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "pwsh" => PowerShell,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "Unknown shell."),
    };

    // COMP_LINE holds only the command being completed and COMP_POINT the cursor within it, which is exactly
    // what the suggest directive takes. System.CommandLine matches candidates by substring; bash expects only
    // those that start with the word typed, so the script keeps those.
    private const string Bash = """
        # bash completion for fargo. Load it with:  source <(fargo completion bash)
        # or keep it:  fargo completion bash > ~/.local/share/bash-completion/completions/fargo
        _fargo_complete() {
            local line="${COMP_LINE:0:COMP_POINT}"
            local word="${line##* }"
            local candidate
            COMPREPLY=()
            while IFS= read -r candidate; do
                [[ "$candidate" == "$word"* ]] && COMPREPLY+=("$candidate")
            done < <(command fargo "[suggest:${#line}]" "$line" 2>/dev/null)
            return 0
        }
        complete -o default -o nosort -F _fargo_complete fargo

        """;

    // In zsh the words up to the cursor are rebuilt from $words, so text typed before `fargo` on the same
    // line (`cd x && fargo …`) does not shift the position.
    private const string Zsh = """
        #compdef fargo
        # zsh completion for fargo. Load it with:  source <(fargo completion zsh)
        # or save it as _fargo in a folder on $fpath.
        _fargo() {
            local line="${(j: :)words[1,CURRENT]}"
            local -a candidates
            candidates=("${(@f)$(command fargo "[suggest:${#line}]" "$line" 2>/dev/null)}")
            candidates=(${candidates:#})
            (( ${#candidates} )) && compadd -Q -- "${candidates[@]}"
        }
        if (( $+functions[compdef] )); then
            compdef _fargo fargo
        fi

        """;

    private const string PowerShell = """
        # PowerShell completion for fargo. Load it with:  fargo completion pwsh | Out-String | Invoke-Expression
        # or add that line to $PROFILE.
        Register-ArgumentCompleter -Native -CommandName fargo -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $position = [Math]::Min($cursorPosition - $commandAst.Extent.StartOffset, $line.Length)
            $line = $line.Substring(0, $position)
            & fargo "[suggest:$position]" "$line" 2>$null | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}

using System;

namespace XpmGen.Cli.Completion;

/// <summary>
/// The shell scripts <c>xpm completion &lt;shell&gt;</c> prints. Each one asks the tool itself for candidates through
/// System.CommandLine's <c>[suggest:N]</c> directive (on by default on a <c>RootCommand</c>), passing the command line
/// up to the cursor and the cursor's position. So the completions always follow the installed tool's commands, with no
/// list to keep in step and no <c>dotnet-suggest</c> to install.
/// </summary>
internal static class CompletionScripts
{
    /// <summary>The shells a script is printed for.</summary>
    public static readonly string[] Shells = ["bash", "zsh", "powershell"];

    /// <summary>
    /// bash: completes the word bash is on from the candidates for the line up to the cursor. The candidates are
    /// already filtered by the prefix the parser sees; <c>compgen</c> filters again by bash's own current word, which
    /// differs after a <c>=</c> or <c>:</c> (bash's word breaks), so no candidate replaces the wrong text. With no
    /// candidate, <c>-o default</c> falls back to file names (for <c>--body FILE</c>). Every script passes
    /// <c>--option=value</c> as <c>--option value</c>: System.CommandLine 2.0.0 completes only the latter (on
    /// <c>--output=</c> its completion throws).
    /// </summary>
    public const string Bash = """
        # xpm completion for bash: add to ~/.bashrc
        #   source <(xpm completion bash)
        _xpm_complete()
        {
            local line="${COMP_LINE:0:COMP_POINT}"
            line="$(sed -E 's/(^|[[:space:]])(--?[[:alnum:]-]+)=/\1\2 /g' <<< "$line")"
            local cur="${COMP_WORDS[COMP_CWORD]}"
            [[ "$cur" == "=" ]] && cur=""
            local IFS=$'\n'
            local candidates
            candidates="$(xpm "[suggest:${#line}]" "$line" 2>/dev/null)"
            COMPREPLY=( $(compgen -W "$candidates" -- "$cur") )
        }
        complete -o default -F _xpm_complete xpm

        """;

    /// <summary>zsh: the words up to the cursor, joined as the line the directive parses; file names when none fits.</summary>
    public const string Zsh = """
        # xpm completion for zsh: add to ~/.zshrc, after compinit
        #   source <(xpm completion zsh)
        _xpm_complete()
        {
            local line="${(j: :)words[1,CURRENT]}"
            line="$(sed -E 's/(^|[[:space:]])(--?[[:alnum:]-]+)=/\1\2 /g' <<< "$line")"
            [[ "${words[CURRENT]}" == -*=* ]] && compset -P '*='
            local -a candidates
            candidates=("${(@f)$(xpm "[suggest:${#line}]" "$line" 2>/dev/null)}")
            candidates=(${candidates:#})
            if (( ${#candidates} )); then
                compadd -- "${candidates[@]}"
            else
                _files
            fi
        }
        compdef _xpm_complete xpm

        """;

    /// <summary>
    /// PowerShell: the command's text up to the cursor; PowerShell passes the cursor as an offset in the whole input,
    /// so the command's own start is taken off.
    /// </summary>
    public const string PowerShell = """
        # xpm completion for PowerShell: add to $PROFILE
        #   xpm completion powershell | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName xpm -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $text = $commandAst.ToString()
            $position = [Math]::Min($cursorPosition - $commandAst.Extent.StartOffset, $text.Length)
            $line = $text.Substring(0, $position)
            if ($cursorPosition -gt $commandAst.Extent.EndOffset) { $line += ' ' }
            $line = $line -replace '(^|\s)(--?[\w-]+)=', '$1$2 '
            $prefix = if ($wordToComplete -match '^(--?[\w-]+=)') { $Matches[1] } else { '' }
            xpm "[suggest:$($line.Length)]" "$line" 2>$null | Where-Object { $_ } | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($prefix + $_, $_, 'ParameterValue', $_)
            }
        }

        """;

    /// <summary>The script for <paramref name="shell"/> (one of <see cref="Shells"/>).</summary>
    public static string For(string shell) => shell switch
    {
        "bash" => Bash,
        "zsh" => Zsh,
        "powershell" => PowerShell,
        _ => throw new ArgumentOutOfRangeException(nameof(shell), shell, "Expected bash, zsh or powershell."),
    };
}

import type { CompletionContext, CompletionModel } from "./completionModel.js";
import { groupBySource, PROGRAM } from "./shCompletionData.js";

/**
 * The fish completion script: the logic of the bash and zsh ones in fish, with each command's summary,
 * and fish's own completion for `exec`'s command line. `__aws_sso_creds_complete` prints the candidates
 * for the token being completed.
 */
export function fishCompletionScript(model: CompletionModel, version: string): string {
  const contexts = [model.global, ...model.commands];
  const commandLines = model.commands.map((context) => `    printf '%s\\t%s\\n' ${fishWord(context.command)} ${fishWord(context.summary)}`);
  const optionCases = contexts.map((context) => `        case ${fishWord(context.command)}\n            printf '%s\\n' ${context.flags.join(" ")}`);
  const takesValue = contexts.flatMap((context) => [...context.values.keys()].map((flag) => fishWord(`${context.command} ${flag}`)));
  const valueCases = contexts.flatMap((context) =>
    [...groupBySource(context.values)].flatMap(([source, spellings]) => {
      if (source === "none") return [];
      const action =
        source === "profiles" || source === "sso-sessions" ? `${PROGRAM} __complete ${source} 2>/dev/null` : `printf '%s\\n' ${source.words.join(" ")}`;
      return [`        case ${spellings.map((flag) => fishWord(`${context.command} ${flag}`)).join(" ")}\n            ${action}`];
    }),
  );
  const operandCases = contexts.flatMap((context: CompletionContext) => {
    if (context.operands === "command") return [`        case ${fishWord(context.command)}\n            echo @command`];
    if (context.operands.length === 0) return [];
    return [`        case ${fishWord(context.command)}\n            printf '%s\\n' ${context.operands.join(" ")}`];
  });
  return `# fish completion for ${PROGRAM} ${version}, made by "${PROGRAM} completion fish".
# Load it from ~/.config/fish/config.fish:  ${PROGRAM} completion fish | source
# or install it once:  ${PROGRAM} completion fish > ~/.config/fish/completions/${PROGRAM}.fish
function __aws_sso_creds_commands
${commandLines.join("\n")}
end
function __aws_sso_creds_options
    switch "$argv[1]"
${optionCases.join("\n")}
    end
end
function __aws_sso_creds_takes_value
    contains -- "$argv[1] $argv[2]" ${takesValue.join(" ")}
end
function __aws_sso_creds_values
    switch "$argv[1] $argv[2]"
${valueCases.join("\n")}
    end
end
function __aws_sso_creds_operands
    switch "$argv[1]"
${operandCases.join("\n")}
    end
end
function __aws_sso_creds_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct)
    set -l command ''
    set -l pending ''
    set -l operands 0
    set -l child 0
    set -l i 1
    for word in $words[2..-1]
        set i (math $i + 1)
        if test -n "$pending"
            set pending ''
            continue
        end
        if test "$word" = --
            if test -n "$command"; and test "$(__aws_sso_creds_operands $command)" = @command
                set child (math $i + 1)
                break
            end
            continue
        end
        if string match -q -- '-?*' "$word"
            if __aws_sso_creds_takes_value "$command" "$word"
                set pending "$word"
            end
            continue
        end
        if test -z "$command"
            set command "$word"
            continue
        end
        if test "$(__aws_sso_creds_operands $command)" = @command
            set child $i
            break
        end
        set operands (math $operands + 1)
    end
    if test $child -gt 0
        # exec's command line: fish's own completions for it.
        set -l before
        if test $child -le (count $words)
            set before (string escape -- $words[$child..-1])
        end
        complete -C (string join ' ' -- $before "$cur")
        return
    end
    if test -n "$pending"
        __aws_sso_creds_values "$command" "$pending"
    else if string match -q -- '--*=*' "$cur"
        set -l option (string split -m 1 = -- "$cur")[1]
        if __aws_sso_creds_takes_value "$command" "$option"
            for value in (__aws_sso_creds_values "$command" "$option")
                echo "$option=$value"
            end
        end
    else if string match -q -- '-*' "$cur"
        __aws_sso_creds_options "$command"
    else if test -z "$command"
        __aws_sso_creds_commands
    else if test "$(__aws_sso_creds_operands $command)" = @command
        complete -C "$cur"
    else if test $operands -eq 0
        __aws_sso_creds_operands "$command"
    end
end
complete -c ${PROGRAM} -f -a '(__aws_sso_creds_complete)'
`;
}

/** A word for fish: single-quoted, with \\ and ' escaped. */
function fishWord(text: string): string {
  return `'${text.replace(/[\\']/g, (char) => `\\${char}`)}'`;
}

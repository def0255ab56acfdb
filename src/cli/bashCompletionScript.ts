import type { CompletionModel } from "./completionModel.js";
import { PROGRAM, shCompletionData } from "./shCompletionData.js";

/**
 * The bash completion script: commands, each command's options, and option values (formats; profile
 * and sso-session names, asked of `aws-sso-creds __complete` when Tab is pressed). After `exec`'s
 * command it completes that command (with bash-completion's `_command_offset` when loaded, else files).
 * Needs nothing but bash 4.
 */
export function bashCompletionScript(model: CompletionModel, version: string): string {
  return `# bash completion for ${PROGRAM} ${version}, made by "${PROGRAM} completion bash".
# Load it from ~/.bashrc:   source <(${PROGRAM} completion bash)
# or install it once:       ${PROGRAM} completion bash > ~/.local/share/bash-completion/completions/${PROGRAM}
${shCompletionData(model)}
_aws_sso_creds() {
  local cur=\${COMP_WORDS[COMP_CWORD]} command= pending= word i child=-1 operands=0
  COMPREPLY=()
  # The words before the cursor: the command (the first word that is not an option or an option's
  # value), an option still waiting for its value, and where exec's command starts.
  for (( i = 1; i < COMP_CWORD; i++ )); do
    word=\${COMP_WORDS[i]}
    if [[ -n $pending ]]; then
      # "--format=sh": bash splits it at "=" (COMP_WORDBREAKS) into "--format" "=" "sh".
      [[ $word == "=" ]] || pending=
      continue
    fi
    if [[ $word == "--" ]]; then
      if [[ -n $command && $(_aws_sso_creds_operands "$command") == @command ]]; then child=$((i + 1)); break; fi
      continue
    fi
    if [[ $word == -?* ]]; then
      _aws_sso_creds_takes_value "$command" "$word" && pending=$word
      continue
    fi
    if [[ -z $command ]]; then command=$word; continue; fi
    if [[ $(_aws_sso_creds_operands "$command") == @command ]]; then child=$i; break; fi
    operands=$((operands + 1))
  done
  if (( child >= 0 )); then
    if (( child == COMP_CWORD )); then
      COMPREPLY=($(compgen -c -- "$cur"))
    elif declare -F _command_offset >/dev/null; then
      _command_offset "$child"
    else
      COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return 0
  fi
  if [[ -n $pending ]]; then
    [[ $cur == "=" ]] && cur=
    COMPREPLY=($(compgen -W "$(_aws_sso_creds_values "$command" "$pending")" -- "$cur"))
    return 0
  fi
  if [[ $cur == --*=* ]]; then
    # "--format=s" as one word (a COMP_WORDBREAKS without "=").
    word=\${cur%%=*}
    _aws_sso_creds_takes_value "$command" "$word" &&
      COMPREPLY=($(compgen -P "$word=" -W "$(_aws_sso_creds_values "$command" "$word")" -- "\${cur#*=}"))
    return 0
  fi
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_aws_sso_creds_options "$command")" -- "$cur"))
  elif [[ -z $command ]]; then
    COMPREPLY=($(compgen -W "$(_aws_sso_creds_commands)" -- "$cur"))
  elif [[ $(_aws_sso_creds_operands "$command") == @command ]]; then
    COMPREPLY=($(compgen -c -- "$cur"))
  elif (( operands == 0 )); then
    COMPREPLY=($(compgen -W "$(_aws_sso_creds_operands "$command")" -- "$cur"))
  fi
  return 0
}
complete -F _aws_sso_creds ${PROGRAM}
`;
}

import type { CompletionModel } from "./completionModel.js";
import { PROGRAM, shCompletionData, shWord } from "./shCompletionData.js";

/**
 * The zsh completion script: what the bash one offers, with each command's summary, and after
 * `exec`'s command, zsh's own completion for that command (`_normal`). It works sourced (after
 * compinit) and as an autoloaded `_aws-sso-creds` file in $fpath.
 *
 * `_aws_sso_creds_candidates CURRENT WORDS...` holds the logic, apart from the completion system so that
 * it can be called on its own (the tests do): it sets `reply` to the candidates and `REPLY` to their kind:
 * `commands` (`name:summary`), `words`, `equals` (values of `--opt=`), or `child` (exec's command line
 * from word `_aws_sso_creds_child` on).
 */
export function zshCompletionScript(model: CompletionModel, version: string): string {
  const described = model.commands.map((context) => shWord(`${context.command}:${context.summary}`)).join(" \\\n    ");
  return `#compdef ${PROGRAM}
# zsh completion for ${PROGRAM} ${version}, made by "${PROGRAM} completion zsh".
# Load it from ~/.zshrc, after compinit:   source <(${PROGRAM} completion zsh)
# or install it once as a file in $fpath:  ${PROGRAM} completion zsh > "\${fpath[1]}/_${PROGRAM}"
${shCompletionData(model)}
_aws_sso_creds_candidates() {
  emulate -L zsh
  local current=$1 word command= pending= cur i operands=0
  shift
  local -a line
  line=("$@")
  cur=\${line[current]}
  reply=() REPLY=words _aws_sso_creds_child=0
  for (( i = 2; i < current; i++ )); do
    word=\${line[i]}
    if [[ -n $pending ]]; then pending=; continue; fi
    if [[ $word == -- ]]; then
      if [[ -n $command && $(_aws_sso_creds_operands $command) == @command ]]; then _aws_sso_creds_child=$((i + 1)); break; fi
      continue
    fi
    if [[ $word == -?* ]]; then
      _aws_sso_creds_takes_value "$command" "$word" && pending=$word
      continue
    fi
    if [[ -z $command ]]; then command=$word; continue; fi
    if [[ $(_aws_sso_creds_operands $command) == @command ]]; then _aws_sso_creds_child=$i; break; fi
    (( operands++ ))
  done
  if (( _aws_sso_creds_child > 0 )); then REPLY=child; return; fi
  if [[ -n $pending ]]; then
    reply=(\${(f)"$(_aws_sso_creds_values "$command" "$pending")"})
  elif [[ $cur == --*=* ]]; then
    REPLY=equals
    _aws_sso_creds_takes_value "$command" "\${cur%%=*}" && reply=(\${(f)"$(_aws_sso_creds_values "$command" "\${cur%%=*}")"})
  elif [[ $cur == -* ]]; then
    reply=(\${(f)"$(_aws_sso_creds_options "$command")"})
  elif [[ -z $command ]]; then
    REPLY=commands
    reply=(
    ${described}
    )
  elif [[ $(_aws_sso_creds_operands $command) == @command ]]; then
    _aws_sso_creds_child=$current REPLY=child
  elif (( operands == 0 )); then
    reply=(\${(f)"$(_aws_sso_creds_operands $command)"})
  fi
}
_aws_sso_creds() {
  local -a reply
  local REPLY _aws_sso_creds_child
  _aws_sso_creds_candidates $CURRENT "\${words[@]}"
  case $REPLY in
    commands) _describe -t commands '${PROGRAM} command' reply ;;
    equals) compset -P '*='; compadd -a reply ;;
    child)
      shift $(( _aws_sso_creds_child - 1 )) words
      (( CURRENT -= _aws_sso_creds_child - 1 ))
      _normal ;;
    *) compadd -a reply ;;
  esac
}
if [[ \${funcstack[1]-} == _${PROGRAM} ]]; then
  _aws_sso_creds "$@"
elif (( \${+functions[compdef]} )); then
  compdef _aws_sso_creds ${PROGRAM}
else
  print -u2 "${PROGRAM}: zsh completion needs compinit first: autoload -Uz compinit && compinit"
fi
`;
}

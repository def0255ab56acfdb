import type { CompletionContext, CompletionModel, ValueSource } from "./completionModel.js";

/** The program the scripts complete, and call back for the config's profile and session names. */
export const PROGRAM = "aws-sso-creds";

/**
 * The model as shell functions, in the syntax bash and zsh share (`case`, `printf`), each taking the
 * command ('' before one) and an option:
 * - `_aws_sso_creds_commands`: the commands, one per line;
 * - `_aws_sso_creds_options CMD`: the long options of CMD;
 * - `_aws_sso_creds_takes_value CMD OPT`: whether OPT takes a value there;
 * - `_aws_sso_creds_values CMD OPT`: its values: a fixed list, or the names in the user's config, read
 *   at completion time by `aws-sso-creds __complete profiles|sso-sessions`;
 * - `_aws_sso_creds_operands CMD`: its operands: words, or `@command` (exec: a command line).
 */
export function shCompletionData(model: CompletionModel): string {
  const contexts = [model.global, ...model.commands];
  const caseOf = (key: (context: CompletionContext) => string, body: (context: CompletionContext) => string | undefined): string[] =>
    contexts.flatMap((context) => {
      const text = body(context);
      return text === undefined ? [] : [`    ${shWord(key(context))}) ${text} ;;`];
    });
  const valueCases = contexts.flatMap((context) =>
    [...groupBySource(context.values)].flatMap(([source, spellings]) => {
      const action = sourceAction(source);
      return action === undefined ? [] : [`    ${spellings.map((flag) => shWord(`${context.command} ${flag}`)).join("|")}) ${action} ;;`];
    }),
  );
  const takesValue = contexts.flatMap((context) => [...context.values.keys()].map((flag) => shWord(`${context.command} ${flag}`)));
  return [
    `_aws_sso_creds_commands() {`,
    `  printf '%s\\n' ${model.commands.map((context) => shWord(context.command)).join(" ")}`,
    `}`,
    `_aws_sso_creds_options() {`,
    `  case $1 in`,
    ...caseOf(
      (context) => context.command,
      (context) => `printf '%s\\n' ${context.flags.join(" ")}`,
    ),
    `  esac`,
    `}`,
    `_aws_sso_creds_takes_value() {`,
    `  case "$1 $2" in`,
    `    ${takesValue.join("|")}) return 0 ;;`,
    `  esac`,
    `  return 1`,
    `}`,
    `_aws_sso_creds_values() {`,
    `  case "$1 $2" in`,
    ...valueCases,
    `  esac`,
    `}`,
    `_aws_sso_creds_operands() {`,
    `  case $1 in`,
    ...caseOf(
      (context) => context.command,
      (context) => (context.operands === "command" ? "echo @command" : context.operands.length > 0 ? `printf '%s\\n' ${context.operands.join(" ")}` : undefined),
    ),
    `  esac`,
    `}`,
  ].join("\n");
}

/** The options of a context grouped by where their values come from, for one `case` branch each. */
export function groupBySource(values: ReadonlyMap<string, ValueSource>): Map<ValueSource, string[]> {
  const groups = new Map<ValueSource, string[]>();
  for (const [flag, source] of values) {
    const same = [...groups.keys()].find((known) => sameSource(known, source)) ?? source;
    groups.set(same, [...(groups.get(same) ?? []), flag]);
  }
  return groups;
}

function sameSource(a: ValueSource, b: ValueSource): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return a.words.join(" ") === b.words.join(" ");
}

function sourceAction(source: ValueSource): string | undefined {
  if (source === "none") return undefined;
  if (source === "profiles") return `${PROGRAM} __complete profiles 2>/dev/null`;
  if (source === "sso-sessions") return `${PROGRAM} __complete sso-sessions 2>/dev/null`;
  return `printf '%s\\n' ${source.words.join(" ")}`;
}

/** A word for sh and zsh: single-quoted. */
export function shWord(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

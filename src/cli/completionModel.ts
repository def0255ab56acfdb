import type { CliCommand } from "./CliCommand.js";
import { COMMON_OPTIONS } from "./commonOptions.js";

/** Where an option's values come from when completing: a fixed list, the config's names, or nothing to offer. */
export type ValueSource = { readonly words: readonly string[] } | "profiles" | "sso-sessions" | "none";

/** What can be typed at one point of the command line: before the command (`command` ""), or after one. */
export interface CompletionContext {
  readonly command: string;
  readonly summary: string;
  /** The long options offered (`--format`). */
  readonly flags: readonly string[];
  /** Every spelling of an option that takes a value (`--format`, `-f`), and where its values come from. */
  readonly values: ReadonlyMap<string, ValueSource>;
  /** The command's operands: none, a fixed set of words, or a command line to run (exec). */
  readonly operands: "command" | readonly string[];
}

export interface CompletionModel {
  /** Before the command: the global options. */
  readonly global: CompletionContext;
  readonly commands: readonly CompletionContext[];
}

/** What the completion scripts know, read off the commands themselves, so that the scripts cannot drift from them. */
export function completionModel(commands: readonly CliCommand[]): CompletionModel {
  const global = context({ name: "", summary: "", options: COMMON_OPTIONS });
  return {
    global,
    commands: commands.filter((command) => command.hidden !== true).map(context),
  };
}

function context(command: Pick<CliCommand, "name" | "summary" | "options" | "operands" | "optionValues">): CompletionContext {
  const flags: string[] = [];
  const values = new Map<string, ValueSource>();
  for (const [name, option] of Object.entries(command.options)) {
    flags.push(`--${name}`);
    if (option.type !== "string") continue;
    const source = valueSource(name, command.optionValues?.[name]);
    values.set(`--${name}`, source);
    if (option.short !== undefined) values.set(`-${option.short}`, source);
  }
  return { command: command.name, summary: command.summary, flags, values, operands: command.operands ?? [] };
}

function valueSource(name: string, words: readonly string[] | undefined): ValueSource {
  if (words !== undefined) return { words };
  if (name === "profile") return "profiles";
  if (name === "sso-session") return "sso-sessions";
  return "none";
}

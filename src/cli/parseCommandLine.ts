import { parseArgs, type ParseArgsConfig } from "node:util";

import { didYouMean } from "./didYouMean.js";
import { UsageError } from "./UsageError.js";

/** The options of a command, as `node:util` `parseArgs` takes them. */
export type CliOptions = NonNullable<ParseArgsConfig["options"]>;

export interface CommandLine<O extends CliOptions> {
  args: string[];
  options: O;
  /** Operands are allowed (`completion bash`); by default a word that is not an option is an error. */
  allowPositionals?: boolean;
}

/** What {@link parseCommandLine} gives: `parseArgs`'s result for those options. */
export type ParsedCommandLine<O extends CliOptions> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: boolean }>>;

/**
 * Parses a command's arguments strictly with `node:util` `parseArgs`, and turns its complaints into a
 * {@link UsageError} for `command`: an unknown option gets the nearest option of the command as a
 * "did you mean" (`--profle`, `-profile`), and an option given an empty value (`--profile ""`) is refused
 * rather than taken for "not given".
 */
export function parseCommandLine<const O extends CliOptions>(command: string, line: CommandLine<O>): ParsedCommandLine<O> {
  const { args, options } = line;
  const names = optionNames(options);
  const own = args.indexOf("--") === -1 ? args : args.slice(0, args.indexOf("--"));
  for (const arg of own) {
    // `-profile`: one dash, so parseArgs would read the letters -p -r -o...; say which option was meant.
    const name = /^-([a-z][a-z-]+)(?:=.*)?$/.exec(arg)?.[1];
    if (name !== undefined && Object.hasOwn(options, name)) {
      throw new UsageError(`unknown option '${arg}' (did you mean --${name}? long options take two dashes)`, command);
    }
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: line.allowPositionals === true });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== "string" || !code.startsWith("ERR_PARSE_ARGS_")) throw error;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const unknown = /'([^']*)'/.exec((error as Error).message)?.[1] ?? "";
      throw new UsageError(`unknown option '${unknown}'${didYouMean(unknown, names, false)}`, command);
    }
    throw new UsageError((error as Error).message, command);
  }
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === "" || (Array.isArray(value) && value.includes(""))) {
      const hint = name === "profile" ? ` (leave --profile out for AWS_PROFILE, else "default")` : "";
      throw new UsageError(`--${name} is empty: give it a value${hint}`, command);
    }
  }
  return parsed;
}

/** `--name` for every option, and `-x` for those with a short form. */
export function optionNames(options: CliOptions): string[] {
  return Object.entries(options).flatMap(([name, option]) => [`--${name}`, ...(option.short === undefined ? [] : [`-${option.short}`])]);
}

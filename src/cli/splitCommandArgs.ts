import { parseArgs, type ParseArgsConfig } from "node:util";

export interface SplitCommandArgs {
  /** The arguments meant for `aws-sso-creds`. */
  own: string[];
  /** The command and its arguments; empty when none was given. */
  command: string[];
}

/**
 * Splits `exec`'s arguments into its own options and the command to run: at `--`, or else at the
 * first argument that is not an option or an option's value. Everything after the split belongs
 * to the command, options included (`exec --profile dev -- ls -la`, `exec --profile dev ls -la`).
 */
export function splitCommandArgs(args: readonly string[], options: NonNullable<ParseArgsConfig["options"]>): SplitCommandArgs {
  const separator = args.indexOf("--");
  const head = separator === -1 ? [...args] : args.slice(0, separator);
  // Lenient here: the strict parse of `own` reports unknown options; this only finds where the command starts.
  const { tokens } = parseArgs({ args: head, options, strict: false, allowPositionals: true, tokens: true });
  const first = tokens.find((token) => token.kind === "positional");
  if (first !== undefined) return { own: args.slice(0, first.index), command: args.slice(first.index) };
  if (separator !== -1) return { own: head, command: args.slice(separator + 1) };
  return { own: [...args], command: [] };
}

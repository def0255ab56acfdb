import type { CliIo } from "./CliIo.js";
import type { CliOptions } from "./parseCommandLine.js";

/** One `aws-sso-creds` command. */
export interface CliCommand {
  readonly name: string;
  /** One line, for the top-level help. */
  readonly summary: string;
  /** The whole `--help` text. */
  readonly help: string;
  /**
   * Its options, as `parseArgs` takes them: what it parses, and what "did you mean", `--help` anywhere
   * on the line and the shell completion scripts are made from.
   */
  readonly options: CliOptions;
  /**
   * What its operands are: `command` (exec: a command to run, whose own arguments follow it), or a
   * fixed set of words (`completion bash`). Absent: none.
   */
  readonly operands?: "command" | readonly string[];
  /** The values of options that take one of a fixed set (`--format`), for the completion scripts. */
  readonly optionValues?: Readonly<Record<string, readonly string[]>>;
  /** Neither listed in the help nor offered by completion (`__complete`, what the completion scripts call). */
  readonly hidden?: boolean;
  /** Runs the command with the arguments after its name; resolves with the exit code. Throws on failure. */
  run(args: string[], io: CliIo): Promise<number>;
}

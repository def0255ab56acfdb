import type { CliIo } from "./CliIo.js";

/** One `aws-sso-creds` command. */
export interface CliCommand {
  readonly name: string;
  /** One line, for the top-level help. */
  readonly summary: string;
  /** The whole `--help` text. */
  readonly help: string;
  /** Runs the command with the arguments after its name; resolves with the exit code. Throws on failure. */
  run(args: string[], io: CliIo): Promise<number>;
}

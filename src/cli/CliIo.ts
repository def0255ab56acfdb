/** Where a command writes, and what it knows about its terminal. Stdout carries only the command's output. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Colours in `status` only on a terminal. */
  stdoutIsTTY: boolean;
  /** Progress lines only on a terminal (or with --verbose). */
  stderrIsTTY: boolean;
  /** Where an MFA code is read from, when it is a terminal; absent or not a TTY: no prompt. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** The package's version, for --version. */
  version: string;
}

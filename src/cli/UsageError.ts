/** The command line is wrong: an unknown command or option, a missing or bad value. */
export class UsageError extends Error {
  override name = "UsageError";
  /** The command whose `--help` to point at; undefined for the top level. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

import { SsoCredentialsError } from "../errors/SsoCredentialsError.js";
import type { CliIo } from "./CliIo.js";
import { exitCodeForError } from "./exitCodeForError.js";
import type { ExitCode } from "./ExitCode.js";
import { UsageError } from "./UsageError.js";

const MAX_CAUSES = 5;

/**
 * Writes a failure to stderr and returns its exit code. The library's messages already name the
 * file, profile or session and the command that fixes it; they never hold a token or a secret.
 * With `verbose`, the chain of causes (and, for unexpected errors, the stack) follows.
 */
export function reportError(error: unknown, io: CliIo, verbose: boolean): ExitCode {
  const code = exitCodeForError(error);
  if (error instanceof UsageError) {
    const help = error.command === undefined ? "aws-sso-creds --help" : `aws-sso-creds ${error.command} --help`;
    io.stderr.write(`aws-sso-creds: ${error.message}\nRun "${help}" for usage.\n`);
    return code;
  }
  if (error instanceof SsoCredentialsError) {
    io.stderr.write(`aws-sso-creds: ${error.message}\n`);
  } else {
    io.stderr.write(`aws-sso-creds: unexpected error: ${describe(error)}\n`);
    if (verbose && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
  }
  if (verbose) {
    let cause = (error as { cause?: unknown } | null)?.cause;
    for (let depth = 0; cause !== undefined && depth < MAX_CAUSES; depth++) {
      io.stderr.write(`  caused by: ${describe(cause)}\n`);
      cause = (cause as { cause?: unknown } | null)?.cause;
    }
  }
  return code;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

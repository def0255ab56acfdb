import type { Logger } from "@smithy/types";

import type { CliIo } from "./CliIo.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

const LIBRARY_PREFIX = `${LOG_PREFIX} `;

/**
 * The provider's logger for the CLI. Everything goes to stderr, so stdout stays clean for `eval`
 * and pipes: warnings and errors always; progress (info) when stderr is a terminal or with
 * `--verbose`; debug lines with `--verbose` only. The provider never logs a secret.
 */
export function createCliLogger(io: CliIo, verbose: boolean): Logger {
  const write = (args: unknown[]): void => {
    const text = args.map(String).join(" ");
    io.stderr.write(`aws-sso-creds: ${text.startsWith(LIBRARY_PREFIX) ? text.slice(LIBRARY_PREFIX.length) : text}\n`);
  };
  const ignore = (): void => undefined;
  return {
    debug: verbose ? (...args: unknown[]) => write(args) : ignore,
    info: verbose || io.stderrIsTTY ? (...args: unknown[]) => write(args) : ignore,
    warn: (...args: unknown[]) => write(args),
    error: (...args: unknown[]) => write(args),
  };
}

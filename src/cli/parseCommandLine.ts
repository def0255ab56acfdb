import { UsageError } from "./UsageError.js";

/**
 * Runs a `node:util` `parseArgs` call and turns its complaints (unknown option, missing value,
 * unexpected argument) into a {@link UsageError} for `command`.
 */
export function parseCommandLine<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS_")) {
      throw new UsageError((error as Error).message, command);
    }
    throw error;
  }
}

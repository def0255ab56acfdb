import { SsoTokenCacheError } from "./SsoTokenCacheError.js";
import { loginFixCommand } from "./loginFixCommand.js";
import type { LoginTarget } from "./LoginTarget.js";

export interface SsoTokenCacheFileErrorOptions {
  path: string;
  /** What is wrong with it, as a predicate: `is not valid JSON`. */
  problem: string;
  target: LoginTarget;
  cause?: unknown;
}

/** The cache file exists but is not a usable token (not JSON, wrong types, a directory, a symlink...). It is left untouched. */
export class SsoTokenCacheFileError extends SsoTokenCacheError {
  override name = "SsoTokenCacheFileError";

  constructor(options: SsoTokenCacheFileErrorOptions) {
    super(
      `The SSO token cache file ${options.path} ${options.problem}. It was left as it is. ` +
        `Move it away or delete it, then run: ${loginFixCommand(options.target)}`,
      options,
    );
  }
}

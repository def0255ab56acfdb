import { SsoTokenCacheError } from "./SsoTokenCacheError.js";
import { loginCommand, type LoginTarget } from "./loginCommand.js";

/** The cache file exists but is not a usable token (not JSON, wrong types, a directory, a symlink...). It is left untouched. */
export class SsoTokenCacheFileError extends SsoTokenCacheError {
  override name = "SsoTokenCacheFileError";

  constructor(path: string, problem: string, target: LoginTarget, options: { cause?: unknown } = {}) {
    super(
      `The SSO token cache file ${path} ${problem}. It was left as it is. ` +
        `Move it away or delete it, then run: ${loginCommand(target)}`,
      { ...options, path },
    );
  }
}

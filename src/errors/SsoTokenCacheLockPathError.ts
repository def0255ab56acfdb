import { SsoTokenCacheError } from "./SsoTokenCacheError.js";

export interface SsoTokenCacheLockPathErrorOptions {
  /** The lock path, `<cache file>.lock`. */
  path: string;
  /** What is there instead of a lock directory: "a regular file", "a symbolic link to /x (which does not exist)"... */
  found: string;
  cause?: unknown;
}

/**
 * Something that is not a lock sits where the cache file's lock goes: no process could ever take
 * the lock, so rather than wait for it, every process stops at once and says what to remove.
 */
export class SsoTokenCacheLockPathError extends SsoTokenCacheError {
  override name = "SsoTokenCacheLockPathError";
  readonly found: string;

  constructor(options: SsoTokenCacheLockPathErrorOptions) {
    const { path, found } = options;
    super(
      `The SSO token cache lock ${path} is ${found}, not a lock directory, so no process can take the lock. ` +
        `Remove it (rm -r ${path}) and try again.`,
      options,
    );
    this.found = found;
  }
}

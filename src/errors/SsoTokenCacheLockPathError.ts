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
      `Something other than a lock directory is at the SSO token cache lock path ${path}: ${found}. ` +
        `No process can take the lock while it is there: remove it (rm -r ${path}) and try again.`,
      options,
    );
    this.found = found;
  }
}

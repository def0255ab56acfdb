import { SsoTokenCacheError } from "./SsoTokenCacheError.js";

export interface SsoTokenCacheLockTimeoutErrorOptions {
  /** The lock, `<cache file>.lock`. */
  path: string;
  waitedMs: number;
  cause?: unknown;
}

/** Another process held the token cache lock for longer than the wait allowed. */
export class SsoTokenCacheLockTimeoutError extends SsoTokenCacheError {
  override name = "SsoTokenCacheLockTimeoutError";
  readonly waitedMs: number;

  constructor(options: SsoTokenCacheLockTimeoutErrorOptions) {
    const { path, waitedMs } = options;
    super(
      `Timed out after ${waitedMs} ms waiting for the SSO token cache lock ${path}, held by another process refreshing the same token. ` +
        `Try again; if no other process is running, remove ${path} (a lock left by a killed process is taken over once it is stale).`,
      options,
    );
    this.waitedMs = waitedMs;
  }
}

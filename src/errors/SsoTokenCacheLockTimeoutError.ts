import { SsoTokenCacheError } from "./SsoTokenCacheError.js";

/** Another process held the token cache lock for longer than the wait allowed. */
export class SsoTokenCacheLockTimeoutError extends SsoTokenCacheError {
  override name = "SsoTokenCacheLockTimeoutError";
  readonly waitedMs: number;

  constructor(lockPath: string, waitedMs: number, options: { cause?: unknown } = {}) {
    super(
      `Timed out after ${waitedMs} ms waiting for the SSO token cache lock ${lockPath}, held by another process refreshing the same token. ` +
        `Try again; if no other process is running, remove ${lockPath} (a lock left by a killed process is taken over once it is stale).`,
      { ...options, path: lockPath },
    );
    this.waitedMs = waitedMs;
  }
}

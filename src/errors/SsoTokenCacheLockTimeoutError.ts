import { SsoTokenCacheError } from "./SsoTokenCacheError.js";

/** Who held the lock, as its owner record says. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** When the holder took the lock, epoch milliseconds. */
  acquiredAt: number;
}

export interface SsoTokenCacheLockTimeoutErrorOptions {
  /** The lock, `<cache file>.lock`. */
  path: string;
  waitedMs: number;
  /** The holder, when its lock records it (locks made by older versions do not). */
  owner?: LockHolder | undefined;
  cause?: unknown;
}

/** Another process held the token cache lock for longer than the wait allowed. */
export class SsoTokenCacheLockTimeoutError extends SsoTokenCacheError {
  override name = "SsoTokenCacheLockTimeoutError";
  readonly waitedMs: number;
  readonly owner: LockHolder | undefined;

  constructor(options: SsoTokenCacheLockTimeoutErrorOptions) {
    const { path, waitedMs, owner } = options;
    super(
      owner === undefined
        ? `Timed out after ${waitedMs} ms waiting for the SSO token cache lock ${path}, held by another process refreshing the same token. ` +
            `Try again; if no other process is running, remove ${path} (a lock left by a killed process is taken over once it is stale).`
        : `Timed out after ${waitedMs} ms waiting for the SSO token cache lock ${path}, held by pid ${owner.pid} on host ${owner.hostname} ` +
            `since ${new Date(owner.acquiredAt).toISOString().replace(/\.\d{3}Z$/, "Z")}, refreshing the same token. ` +
            `Try again; if that process is stuck, end it (kill ${owner.pid}, on ${owner.hostname}). ` +
            `A lock whose process has died is taken over at once on the same host, and once it is stale from other hosts.`,
      options,
    );
    this.waitedMs = waitedMs;
    // The facts only, whatever else the caller's record holds.
    this.owner = owner && { pid: owner.pid, hostname: owner.hostname, acquiredAt: owner.acquiredAt };
  }
}

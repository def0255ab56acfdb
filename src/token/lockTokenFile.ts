import type { Logger } from "@smithy/types";

import { SsoTokenCacheLockTimeoutError } from "../errors/SsoTokenCacheLockTimeoutError.js";
import { SsoTokenCacheWriteError } from "../errors/SsoTokenCacheWriteError.js";

export interface TokenFileLockOptions {
  /** A lock not touched for this long belongs to a dead process and is taken over. proper-lockfile's floor is 2000. */
  staleMs: number;
  /** How often the holder touches its lock to show it is alive (1000 at least, staleMs / 2 at most). */
  updateMs: number;
  /** How long to wait for another process's lock before giving up with {@link SsoTokenCacheLockTimeoutError}. */
  waitTimeoutMs: number;
}

export interface TokenFileLock {
  readonly lockPath: string;
  /**
   * Set when proper-lockfile found the lock taken over while held (the holder stalled past
   * `staleMs`). The holder goes on, but must not overwrite a newer token.
   */
  readonly compromised: Error | undefined;
  /** Never rejects: a lock it cannot remove goes stale and is taken over. */
  release(): Promise<void>;
}

// Waits are short and randomized so that dozens of processes behind one refresh wake soon after
// it ends without waking together. proper-lockfile's own default (no retries) fails at once,
// and a plain retry count backs off from 1 s, doubling.
const RETRY_MIN_TIMEOUT_MS = 20;
const RETRY_MAX_TIMEOUT_MS = 100;
const RETRY_FACTOR = 1.3;

/** Takes the cross-process lock `<file>.lock` (a directory, created atomically with mkdir). */
export async function lockTokenFile(
  file: string,
  options: TokenFileLockOptions,
  logger: Logger | undefined,
): Promise<TokenFileLock> {
  // Loaded on first use: a process that never refreshes never pays for it or its exit hooks.
  const { lock } = await import("proper-lockfile");
  const lockPath = `${file}.lock`;
  let compromised: Error | undefined;
  const started = Date.now();
  let release: () => Promise<void>;
  try {
    release = await lock(file, {
      lockfilePath: lockPath,
      // The token file need not exist yet, and a realpath would follow links we refuse to follow.
      realpath: false,
      stale: options.staleMs,
      update: options.updateMs,
      retries: {
        retries: Math.ceil(options.waitTimeoutMs / RETRY_MIN_TIMEOUT_MS),
        minTimeout: RETRY_MIN_TIMEOUT_MS,
        maxTimeout: RETRY_MAX_TIMEOUT_MS,
        factor: RETRY_FACTOR,
        randomize: true,
        maxRetryTime: options.waitTimeoutMs,
      },
      // proper-lockfile's default throws from a timer, which would kill the host process.
      onCompromised: (error) => {
        compromised = error;
        logger?.warn?.(
          `aws-sso-credential-provider: the lock ${lockPath} was taken over by another process while held (${error.message}); ` +
            "this refresh will not overwrite a newer token",
        );
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new SsoTokenCacheLockTimeoutError(lockPath, Date.now() - started, { cause: error });
    }
    throw new SsoTokenCacheWriteError(lockPath, { cause: error });
  }
  return {
    lockPath,
    get compromised() {
      return compromised;
    },
    async release() {
      try {
        await release();
      } catch (error) {
        // ERELEASED: the lock was compromised and is no longer ours to remove.
        const log = compromised ? logger?.debug : logger?.warn;
        log?.call(
          logger,
          `aws-sso-credential-provider: could not release ${lockPath} (${(error as NodeJS.ErrnoException).code ?? String(error)}); ` +
            "it will be taken over once stale",
        );
      }
    },
  };
}

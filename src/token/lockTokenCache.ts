import type { Logger } from "@smithy/types";

import type { Clock } from "../clock/Clock.js";
import { SsoTokenCacheWriteError } from "../errors/SsoTokenCacheWriteError.js";
import { lockFile, type FileLock, type LockOptions } from "../lock/lockFile.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

/** Why a directory cannot take a lock: read-only, immutable, not ours, full. */
const UNWRITABLE = new Set(["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT"]);

export interface LockTokenCacheOptions {
  lock: LockOptions;
  clock: Clock;
  logger: Logger | undefined;
  stopWaiting: () => Promise<boolean>;
  signal?: AbortSignal | undefined;
  /** A file to lock instead, in a private directory, when the cache directory cannot hold a lock. */
  fallbackTarget: () => Promise<string>;
}

/**
 * The cross-process lock around one token cache file's refresh: `<file>.lock` beside it. A cache
 * nobody may write (a read-only mount, chattr +i, a full disk) cannot hold that lock, but its refresh
 * token still has to be spent by one process at a time, so our processes lock a file in a private
 * directory instead. If even that fails, the refresh goes ahead unlocked: there is nothing else left
 * to coordinate with.
 */
export async function lockTokenCache(path: string, options: LockTokenCacheOptions): Promise<FileLock | undefined> {
  const { lock, clock, logger, stopWaiting, signal } = options;
  try {
    return await lockFile(path, lock, { clock, logger, stopWaiting, signal });
  } catch (error) {
    if (!(error instanceof SsoTokenCacheWriteError) || !UNWRITABLE.has(errorCode(error.cause))) throw error;
    logger?.debug?.(`${LOG_PREFIX} cannot create the lock ${path}.lock (${errorCode(error.cause)})`);
  }
  const unlocked: FileLock = { lockPath: `${path}.lock`, release: async () => undefined };
  let target: string;
  try {
    target = await options.fallbackTarget();
  } catch (error) {
    logger?.debug?.(`${LOG_PREFIX} no private directory for a lock either (${(error as Error).message}); refreshing without a lock`);
    return unlocked;
  }
  logger?.debug?.(`${LOG_PREFIX} locking ${target}.lock instead`);
  try {
    return await lockFile(target, lock, { clock, logger, stopWaiting, signal });
  } catch (error) {
    if (!(error instanceof SsoTokenCacheWriteError)) throw error;
    logger?.debug?.(`${LOG_PREFIX} cannot lock ${target}.lock either (${errorCode(error.cause)}); refreshing without a lock`);
    return unlocked;
  }
}

/** The file system's error code, or "unknown error". */
export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? "unknown error";
}

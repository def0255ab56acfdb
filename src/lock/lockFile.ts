import type { Logger } from "@smithy/types";

import type { Clock } from "../clock/Clock.js";
import { randomUUID } from "node:crypto";
import { stat } from "node:fs/promises";
import { dirname } from "node:path";

import { SsoTokenCacheLockPathError } from "../errors/SsoTokenCacheLockPathError.js";
import { SsoTokenCacheLockTimeoutError } from "../errors/SsoTokenCacheLockTimeoutError.js";
import { SsoTokenCacheWriteError } from "../errors/SsoTokenCacheWriteError.js";
import { hostIdentity } from "./hostIdentity.js";
import { LockOwner } from "./LockOwner.js";
import { ownedLockFs } from "./ownedLockFs.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

export interface LockOptions {
  /**
   * A lock not touched for this long belongs to a dead or stuck process and is taken over, as is one
   * dated more than this ahead of now. proper-lockfile's floor is 2000. (A lock whose process is
   * known dead, on this host, is taken over at once.)
   */
  staleMs: number;
  /** How often the holder touches its lock to show it is alive (1000 at least, staleMs / 2 at most). */
  updateMs: number;
  /** How long to wait for another process's lock before giving up with {@link SsoTokenCacheLockTimeoutError}. */
  waitTimeoutMs: number;
}

/** How one caller waits for the lock. */
export interface LockWaitOptions {
  clock: Clock;
  logger?: Logger | undefined;
  /**
   * Asked between attempts while another process holds the lock; when it resolves true, the wait
   * ends and {@link lockFile} resolves `undefined` without the lock. A refresher uses it to notice that
   * the holder has already written what the waiter wants, so the waiters go on together rather than
   * each taking the lock in turn just to read the file.
   */
  stopWaiting?: () => Promise<boolean>;
  /**
   * Ends the wait: {@link lockFile} rejects with the signal's reason, at once if it is aborted
   * before or during the wait (in a sleep, or between attempts), never with the lock.
   */
  signal?: AbortSignal;
}

export interface FileLock {
  readonly lockPath: string;
  /** Never rejects: a lock it cannot remove goes stale and is taken over. */
  release(): Promise<void>;
}

// Waits are short and randomized so that dozens of processes behind one refresh wake soon after
// it ends without waking together: 20 ms growing by 1.3 each attempt to 100 ms, times 1 to 2.
const RETRY_MIN_TIMEOUT_MS = 20;
const RETRY_MAX_TIMEOUT_MS = 100;
const RETRY_FACTOR = 1.3;
// A wait this long is worth a line a person sees (the CLI shows info lines on a terminal).
const SPEAK_AFTER_MS = 1000;

/**
 * Takes the cross-process lock `<file>.lock` (a directory, created atomically with mkdir, holding
 * its owner's record: see {@link LockOwner}). A lock whose process has died on this host is taken
 * over at once; one untouched for `staleMs`, or dated more than `staleMs` ahead (a clock set back),
 * once seen. Resolves `undefined` only when `wait.stopWaiting` ended the wait.
 */
export async function lockFile(file: string, options: LockOptions, wait: LockWaitOptions & { stopWaiting?: undefined }): Promise<FileLock>;
export async function lockFile(file: string, options: LockOptions, wait: LockWaitOptions): Promise<FileLock | undefined>;
export async function lockFile(file: string, options: LockOptions, wait: LockWaitOptions): Promise<FileLock | undefined> {
  const { logger, clock, signal } = wait;
  const stopWaiting = wait.stopWaiting ?? (async () => false);
  signal?.throwIfAborted();
  // Loaded on first use: a process that never refreshes never pays for it or its exit hooks.
  const { lock } = await import("proper-lockfile");
  const lockPath = `${file}.lock`;
  // proper-lockfile keeps the locks it holds in one table per process, keyed by this name, and its
  // timers read the entry under the name: two locks of one process under one name (two providers
  // sharing a token file, both winning a takeover race) would share an entry, and one's release
  // would make the other's next touch throw from a timer. The lock itself is `lockfilePath`.
  const key = `${lockPath}#${randomUUID()}`;
  let compromised: Error | undefined;
  const started = clock.monotonic();
  const host = hostIdentity();
  const owned = ownedLockFs({
    lockPath,
    staleMs: options.staleMs,
    host,
    newOwner: () => LockOwner.create(clock.now(), host),
    onForeignLock: () => {
      compromised ??= new Error("the lock directory is another process's");
      logger?.warn?.(
        `${LOG_PREFIX} the lock ${lockPath} was taken over by another process while held; left it to that process`,
      );
    },
  });
  const lockOptions = {
    fs: owned.fs,
    lockfilePath: lockPath,
    // The token file need not exist yet, and a realpath would follow links we refuse to follow.
    realpath: false,
    stale: options.staleMs,
    update: options.updateMs,
    // Retried here, not by proper-lockfile, which retries every error alike: a directory nobody may
    // write (EACCES, EPERM, EROFS) would be retried until waitTimeoutMs, then reported as a lock timeout.
    retries: 0,
    // proper-lockfile's default throws from a timer, which would kill the host process.
    onCompromised: (error: Error) => {
      compromised = error;
      logger?.warn?.(
        `${LOG_PREFIX} the lock ${lockPath} was taken over by another process while held (${error.message}); ` +
          "this refresh will not overwrite a newer token",
      );
    },
  };
  let release: () => Promise<void>;
  let spoke = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const taken = await lock(key, lockOptions);
      if (!(await owned.acquired())) {
        // Another process, taking over the same stale lock in the same instant, removed the directory
        // we had just made (before our record was in it) and made its own. Let go without removing it.
        await owned.abandon(taken);
        throw Object.assign(new Error("the lock was taken by another process as this one took it"), { code: "ELOCKED" });
      }
      release = taken;
      break;
    } catch (error) {
      if (error instanceof SsoTokenCacheLockPathError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      // ENOENT with the directory there: the lock we had just made was removed under us (another process
      // took it for stale in the same instant: proper-lockfile's takeover race). Try again, as for a held lock.
      const contended = code === "ELOCKED" || (code === "ENOENT" && (await isDirectory(dirname(lockPath))));
      if (!contended) throw new SsoTokenCacheWriteError({ path: lockPath, cause: error });
      if (attempt === 0) logger?.debug?.(`${LOG_PREFIX} ${lockPath} is held by another process; waiting`);
      const waited = Math.round(clock.monotonic() - started);
      if (waited >= options.waitTimeoutMs) {
        throw new SsoTokenCacheLockTimeoutError({ path: lockPath, waitedMs: waited, owner: owned.holder, cause: error });
      }
      if (!spoke && waited >= SPEAK_AFTER_MS) {
        spoke = true;
        const holder = owned.holder?.describe() ?? "another process (its lock has no owner record)";
        logger?.info?.(`${LOG_PREFIX} waiting for the lock ${lockPath}, held by ${holder}`);
      }
      const backoff = Math.min(RETRY_MAX_TIMEOUT_MS, RETRY_MIN_TIMEOUT_MS * RETRY_FACTOR ** attempt) * (1 + Math.random());
      await clock.sleep(Math.min(backoff, options.waitTimeoutMs - waited), signal);
      signal?.throwIfAborted();
      if (await stopWaiting()) return undefined;
      signal?.throwIfAborted();
    }
  }
  const { tookOver } = owned;
  if (tookOver !== undefined) {
    const why = { dead: "its process no longer exists", future: "its time is ahead of this clock", stale: "it was stale" }[tookOver.reason];
    logger?.debug?.(
      `${LOG_PREFIX} took over the lock ${lockPath} from ${tookOver.owner?.describe() ?? "a process that left no owner record"}: ${why}`,
    );
  }
  return {
    lockPath,
    async release() {
      try {
        owned.releasing();
        await release();
      } catch (error) {
        // ERELEASED: the lock was compromised and is no longer ours to remove.
        const log = compromised ? logger?.debug : logger?.warn;
        log?.call(
          logger,
          `${LOG_PREFIX} could not release ${lockPath} (${(error as NodeJS.ErrnoException).code ?? String(error)}); ` +
            "it will be taken over once stale",
        );
      }
    },
  };
}

function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (stats) => stats.isDirectory(),
    () => false,
  );
}

import type { Logger } from "@smithy/types";
import { randomUUID } from "node:crypto";

import type { Clock } from "../clock/Clock.js";
import { LoginInOtherProcessFailedError } from "../errors/LoginInOtherProcessFailedError.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import { SsoTokenCacheLockTimeoutError } from "../errors/SsoTokenCacheLockTimeoutError.js";
import { lockFile, type FileLock, type LockOptions } from "../lock/lockFile.js";
import type { CachedSsoToken } from "../token/CachedSsoToken.js";
import { readTokenFile } from "../token/readTokenFile.js";
import type { LoginFlow } from "./LoginFlow.js";
import { LoginNote } from "./LoginNote.js";
import type { LoginPrompt } from "./LoginPrompt.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

export interface CoordinateLoginOptions {
  tokenPath: string;
  target: LoginTarget;
  /**
   * true (the `login` command): only a login that ends after this call started stands in for this
   * one. false (`--login`, a provider): any token other than `seen` that has not expired will do,
   * whoever wrote it (our login or the AWS CLI's).
   */
  force: boolean;
  /** The token that made the login necessary (undefined: there was none). */
  seen: CachedSsoToken | undefined;
  flow: LoginFlow;
  lock: LockOptions;
  clock: Clock;
  logger?: Logger | undefined;
  signal?: AbortSignal | undefined;
  prompt: (prompt: LoginPrompt) => void;
  /** The login itself; resolves with the token it saved. Run by one process at a time per token file. */
  run: () => Promise<CachedSsoToken>;
}

export interface CoordinatedLogin {
  token: CachedSsoToken;
  /** This process ran no login: it used the one another process (or tool) completed. */
  joined: boolean;
}

/** How often a waiting process looks at the token file and the login lock. */
const POLL_MS = 250;
const MAX_MESSAGE_LENGTH = 2000;

/**
 * One login for many waiters. A login runs while holding `<token>.login.lock` (proper-lockfile, as the
 * refresh lock: kept fresh while the login runs, taken over once stale if its process died). A process
 * that finds it held does not start a login (no second prompt, no browser tab per process): it says
 * that it waits, then watches the token file and the note the holder keeps (`LoginNote`) until the
 * holder's token is there, or the holder failed (then it fails with the same error), or the lock is
 * free again (then it takes it and looks again before logging in itself).
 */
export async function coordinateLogin(options: CoordinateLoginOptions): Promise<CoordinatedLogin> {
  const { tokenPath, target, clock, logger, signal } = options;
  // What the note said when this call started: a login counts as "meanwhile" only if the note changed since.
  const before = await LoginNote.read(tokenPath);
  let announced = false;
  for (;;) {
    signal?.throwIfAborted();
    const lock = await tryLock(options);
    if (lock !== undefined) {
      try {
        const done = await settledMeanwhile(options, before);
        if (done !== undefined) {
          options.prompt({ type: "joined", target, pid: done.pid });
          return { token: done.token, joined: true };
        }
        return { token: await runHoldingLock(options), joined: false };
      } finally {
        await lock.release();
      }
    }
    const done = await settledMeanwhile(options, before);
    if (done !== undefined) {
      options.prompt({ type: "joined", target, pid: done.pid });
      return { token: done.token, joined: true };
    }
    if (!announced) {
      announced = true;
      const note = await LoginNote.read(tokenPath);
      const current = note?.record.outcome === "in-progress" ? note : undefined;
      options.prompt({ type: "waiting", target, pid: current?.record.pid, since: current?.startedAt });
      logger?.debug?.(`${LOG_PREFIX} ${tokenPath}.login.lock is held: waiting for that login`);
    }
    await clock.sleep(POLL_MS, signal);
  }
}

async function tryLock(options: CoordinateLoginOptions): Promise<FileLock | undefined> {
  try {
    return await lockFile(`${options.tokenPath}.login`, { ...options.lock, waitTimeoutMs: 0 }, { clock: options.clock, logger: options.logger, signal: options.signal });
  } catch (error) {
    if (error instanceof SsoTokenCacheLockTimeoutError) return undefined;
    throw error;
  }
}

/**
 * A login that makes this one needless: one that ended after this call started (the note changed
 * since `before`, and its token is in the file), or, without `force`, any new token that has not
 * expired. A login that failed after this call started fails this one too.
 */
async function settledMeanwhile(options: CoordinateLoginOptions, before: LoginNote | undefined): Promise<{ token: CachedSsoToken; pid: number | undefined } | undefined> {
  const { tokenPath, target, clock, seen } = options;
  const note = await LoginNote.read(tokenPath);
  const token = await readTokenFile(tokenPath, target).catch(() => undefined);
  const fresh = token !== undefined && token.expiresAt.getTime() > clock.now() ? token : undefined;
  if (fresh !== undefined && note?.endedSince("succeeded", before) === true) return { token: fresh, pid: note.record.pid };
  if (note?.endedSince("failed", before) === true) {
    throw new LoginInOtherProcessFailedError({
      target,
      pid: note.record.pid,
      errorName: note.record.errorName ?? "Error",
      errorMessage: note.record.errorMessage ?? "no reason was recorded",
    });
  }
  if (!options.force && fresh !== undefined && (seen === undefined || !fresh.sameAs(seen))) return { token: fresh, pid: undefined };
  return undefined;
}

async function runHoldingLock(options: CoordinateLoginOptions): Promise<CachedSsoToken> {
  const { tokenPath, clock, logger, flow } = options;
  const startedAt = new Date(clock.now()).toISOString();
  const id = randomUUID();
  const note = async (record: Omit<Parameters<typeof LoginNote.write>[1], "id" | "pid" | "flow" | "startedAt">): Promise<void> => {
    try {
      await LoginNote.write(tokenPath, { id, pid: process.pid, flow, startedAt, ...record });
    } catch (error) {
      logger?.debug?.(`${LOG_PREFIX} could not write the login note beside ${tokenPath}: ${(error as Error).message}`);
    }
  };
  await note({ outcome: "in-progress" });
  try {
    const token = await options.run();
    await note({ outcome: "succeeded", finishedAt: new Date(clock.now()).toISOString() });
    return token;
  } catch (error) {
    // A login stopped by its caller is no answer for the waiters: the note stays "in progress", and
    // once the lock is free one of them logs in.
    if (options.signal?.aborted !== true) {
      const failure = error instanceof Error ? error : new Error(String(error));
      await note({
        outcome: "failed",
        finishedAt: new Date(clock.now()).toISOString(),
        errorName: failure.name,
        errorMessage: failure.message.slice(0, MAX_MESSAGE_LENGTH),
      });
    }
    throw error;
  }
}

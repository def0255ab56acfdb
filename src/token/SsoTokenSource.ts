import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { Logger } from "@smithy/types";
import { stat } from "node:fs/promises";
import { dirname } from "node:path";

import type { Clock } from "../clock/Clock.js";
import { timeoutSignal } from "../clock/timeoutSignal.js";
import type { CallerWords } from "../errors/CallerWords.js";
import { SsoTokenCacheLockTimeoutError } from "../errors/SsoTokenCacheLockTimeoutError.js";
import { SsoTokenCacheWriteError } from "../errors/SsoTokenCacheWriteError.js";
import { SsoTokenNotFoundError } from "../errors/SsoTokenNotFoundError.js";
import { TokenRefreshRejectedError } from "../errors/TokenRefreshRejectedError.js";
import { describeLoginTarget } from "../errors/describeLoginTarget.js";
import { loginFixCommand } from "../errors/loginFixCommand.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import { untrustedReason } from "../files/untrustedReason.js";
import type { SecretSet } from "../logging/SecretSet.js";
import type { FileLock, LockOptions } from "../lock/lockFile.js";
import { assessToken, type TokenAssessment } from "./assessToken.js";
import type { CachedSsoToken } from "./CachedSsoToken.js";
import type { HeldTokenStore } from "./HeldTokenStore.js";
import { errorCode, lockTokenCache } from "./lockTokenCache.js";
import { readTokenFile } from "./readTokenFile.js";
import { refreshAccessToken } from "./refreshAccessToken.js";
import { refreshBlockerError } from "./refreshBlockerError.js";
import { RejectedRefreshRecord } from "./RejectedRefreshRecord.js";
import { writeTokenFile } from "./writeTokenFile.js";
import { LOG_PREFIX } from "../logging/logPrefix.js";

export interface SsoTokenSourceOptions {
  /** The cache file, `<cacheDir>/<sha1>.json`. */
  path: string;
  /** Names the profile or session in errors and login commands. */
  target: LoginTarget;
  /** Only `sso_session` tokens are refreshed; legacy tokens are used until they expire. */
  refreshable: boolean;
  /** Refresh this long before `expiresAt`. */
  refreshWindowMs: number;
  /** After a failed refresh, wait this long (monotonic time) before the next attempt; the token is used meanwhile, if still valid. */
  retryAfterFailureMs: number;
  /** After `invalid_grant`, how long to watch the file for a token another process got with the same refresh token. */
  peerRefreshWaitMs: number;
  /** While the cached token is still valid, callers wait this long (all told) for a refresh before they are given that token. */
  validTokenWaitMs: number;
  requestTimeoutMs: number;
  lock: LockOptions;
  clock: Clock;
  oidcClient: () => Promise<SSOOIDCClient>;
  /** Where tokens the cache cannot take are kept for every provider of ours. */
  heldTokens: HeldTokenStore;
  /** Every token handled is added here, so that what the SDK clients log can be cleaned of it. */
  secrets: SecretSet;
  logger: Logger | undefined;
  words?: CallerWords;
}

/** Options of one {@link SsoTokenSource.getToken} call. */
export interface GetTokenOptions {
  /**
   * The service refused this token (GetRoleCredentials answered 401) although it looked valid:
   * refresh it now, unless the cache already holds another one.
   */
  refused?: CachedSsoToken;
}

/** A refresh under way, shared by every caller. */
interface RunningRefresh {
  readonly promise: Promise<CachedSsoToken>;
  /** When it started (monotonic): callers with a valid token wait at most `validTokenWaitMs` from here, all told. */
  readonly startedAtMs: number;
}

const PEER_POLL_INTERVAL_MS = 25;
/** How long an empty or unparseable cache file is read again before it is reported (another tool may be mid-write). */
const PARTIAL_FILE_SETTLE_MS = 250;
/** File times come from a coarse kernel clock that may lag Date.now() by a tick (up to 10 ms); allow for much more. */
const MTIME_GRANULARITY_MS = 100;
/** How long close() waits for the lock to write a held token one last time. */
const LAST_PERSIST_WAIT_MS = 2_000;

/**
 * The SSO access token of one cache file, refreshed when it is about to expire.
 *
 * Concurrent callers share one read or refresh. A refresh takes the file's cross-process lock,
 * reads the file again (another process may have refreshed it: then no call is made), calls
 * CreateToken, writes the file atomically and lets the lock go.
 *
 * What it promises:
 * - a token the service issued is never dropped: if the file cannot be written, the token is kept
 *   (its refresh token included) in a private store every provider of ours reads, and written to the
 *   file as soon as the disk allows;
 * - while the cached token is still valid, a refresh delays callers by `validTokenWaitMs` at most,
 *   then goes on in the background, and any failure of it is a warning;
 * - a refresh refused with `invalid_grant` is recorded beside the cache ({@link RejectedRefreshRecord}),
 *   so that no process sends that dead refresh token again;
 * - a file removed while a refresh runs (a logout) is not written back.
 */
export class SsoTokenSource {
  readonly #options: SsoTokenSourceOptions;
  #inFlight: Promise<CachedSsoToken> | undefined;
  #refresh: RunningRefresh | undefined;
  #lastFailure: { atMonotonicMs: number; error: unknown } | undefined;
  /** A token the file could not take, and the file content it replaces (also in the held-token store). */
  #held: { token: CachedSsoToken; replaces: CachedSsoToken } | undefined;
  #persisting: Promise<void> | undefined;
  #warnedUnrefreshable = false;
  #checkedDirectory = false;
  readonly #closing = new AbortController();

  constructor(options: SsoTokenSourceOptions) {
    this.#options = options;
  }

  /** The current token: from the cache, refreshed first if it is inside the refresh window. */
  getToken(options: GetTokenOptions = {}): Promise<CachedSsoToken> {
    if (options.refused !== undefined) return this.#load(options.refused);
    this.#inFlight ??= this.#load(undefined).finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /**
   * Lets a short-lived process end safely: stops waiting for other processes' locks, makes one last
   * attempt to write a held token, and resolves once a CreateToken already sent has been answered and
   * its token saved (or held, if it cannot be).
   */
  async close(): Promise<void> {
    this.#closing.abort(new Error("the token source was closed"));
    if (this.#refresh !== undefined) {
      this.#options.logger?.info?.(
        `${LOG_PREFIX} finishing the SSO token refresh already under way before this process ends (at most ` +
          `${Math.round(this.#options.requestTimeoutMs / 1000)} s): with rotating refresh tokens, leaving now could lose the session`,
      );
    }
    await Promise.allSettled([this.#refresh?.promise, this.#persisting]);
    if (this.#held !== undefined) {
      // One last attempt, with a short wait for the lock: another process may be writing anyway.
      const deadline = timeoutSignal(this.#options.clock, LAST_PERSIST_WAIT_MS);
      try {
        await this.#persistHeld(deadline.signal);
      } finally {
        deadline.dispose();
      }
    }
  }

  async #load(refused: CachedSsoToken | undefined): Promise<CachedSsoToken> {
    const { path, target, clock } = this.#options;
    await this.#checkDirectory();
    const token = await this.#read();
    if (token === undefined) throw new SsoTokenNotFoundError({ path, target });
    const forced = refused !== undefined && token.sameAs(refused);
    const state = await this.#assess(token);
    if (!state.refreshDue && !forced) {
      if (this.#held?.token === token) this.#persistHeldInBackground();
      return token;
    }

    const usable = !state.expired && !forced;
    if (state.blocker !== undefined) {
      if (!usable) throw refreshBlockerError(state.blocker, token, { path, target, rejection: state.rejection });
      this.#warnUnrefreshable(token, state);
      return token;
    }
    const failure = this.#lastFailure;
    if (failure !== undefined && clock.monotonic() - failure.atMonotonicMs < this.#options.retryAfterFailureMs) {
      if (usable) return token;
      throw failure.error;
    }

    const refresh = (this.#refresh ??= this.#startRefresh(token, forced));
    if (!usable) return refresh.promise;
    // The token still works: wait a little for the new one (what is left of validTokenWaitMs since the
    // refresh started), then use the old one and let the refresh finish behind.
    const waitMs = Math.max(0, this.#options.validTokenWaitMs - (clock.monotonic() - refresh.startedAtMs));
    if (waitMs === 0) return token;
    const timer = new AbortController();
    const outcome = await Promise.race([
      refresh.promise.then(
        (fresh) => ({ fresh }),
        () => ({ fresh: token }),
      ),
      clock.sleep(waitMs, timer.signal).then(
        () => undefined,
        () => undefined,
      ),
    ]);
    timer.abort();
    if (outcome !== undefined) return outcome.fresh;
    this.#options.logger?.info?.(
      `${LOG_PREFIX} the SSO token refresh for ${describeLoginTarget(target)} is taking long; using the cached token, valid until ` +
        `${token.expiresAt.toISOString()}, while it goes on`,
    );
    return token;
  }

  /** The refresh as the callers share it: failures are remembered (for the backoff) and, while the token is valid, only a warning. */
  #startRefresh(token: CachedSsoToken, forced: boolean): RunningRefresh {
    const { clock, logger, path, target } = this.#options;
    const promise = this.#refreshUnderLock(token, forced).then(
      (fresh) => {
        this.#lastFailure = undefined;
        return fresh;
      },
      (error: unknown) => {
        // A wait cut short because this process is ending is not a failure worth a word.
        if (this.#closing.signal.aborted && !(error instanceof TokenRefreshRejectedError)) throw error;
        this.#lastFailure = { atMonotonicMs: clock.monotonic(), error };
        if (!forced && token.expiresAt.getTime() > clock.now()) {
          logger?.warn?.(
            `${LOG_PREFIX} could not refresh the SSO token for ${describeLoginTarget(target)}; using the cached token in ${path}, valid until ` +
              `${token.expiresAt.toISOString()}, and trying again in ${Math.round(this.#options.retryAfterFailureMs / 1000)} s. ` +
              `${(error as Error).message}`,
          );
        }
        throw error;
      },
    );
    const shared = promise.finally(() => {
      if (this.#refresh?.promise === shared) this.#refresh = undefined;
    });
    // A refresh that outlives its caller must not end as an unhandled rejection.
    shared.catch(() => undefined);
    return { promise: shared, startedAtMs: clock.monotonic() };
  }

  async #refreshUnderLock(seen: CachedSsoToken, forced: boolean): Promise<CachedSsoToken> {
    const { path, target, logger, clock } = this.#options;
    const refreshedMeanwhile = (token: CachedSsoToken): CachedSsoToken => {
      logger?.info?.(`${LOG_PREFIX} the SSO token in ${path} was refreshed meanwhile by another process or provider; using it`);
      return token;
    };
    // While another process holds the lock, look at the file between attempts: once the holder has
    // written a fresh token, or recorded that the session has ended, act on it without queueing for the lock.
    let peerToken: CachedSsoToken | undefined;
    let rejected: RejectedRefreshRecord | undefined;
    const stopWaiting = async (): Promise<boolean> => {
      const current = await this.#read().catch(() => undefined);
      if (current !== undefined && (await this.#refreshedSince(current, seen, forced))) {
        peerToken = current;
        return true;
      }
      const record = await RejectedRefreshRecord.read(path);
      if (record?.matches(seen)) rejected = record;
      return rejected !== undefined;
    };
    let lock: FileLock | undefined;
    try {
      lock = await lockTokenCache(path, {
        lock: this.#options.lock,
        clock,
        logger,
        stopWaiting,
        signal: this.#closing.signal,
        fallbackTarget: () => this.#options.heldTokens.lockTargetFor(path),
      });
    } catch (error) {
      // A wait that timed out while the session is known to have ended: the answer is "log in", not "cache error".
      if (error instanceof SsoTokenCacheLockTimeoutError) {
        const record = await RejectedRefreshRecord.read(path);
        if (record?.matches(seen)) throw this.#rejectedError(record, error);
      }
      throw error;
    }
    if (lock === undefined) {
      if (peerToken !== undefined) return refreshedMeanwhile(peerToken);
      throw this.#rejectedError(rejected as RejectedRefreshRecord);
    }
    try {
      logger?.debug?.(`${LOG_PREFIX} took the lock ${lock.lockPath}`);
      const onDisk = await readTokenFile(path, target, { settle: { ms: PARTIAL_FILE_SETTLE_MS, clock } });
      const current = await this.#current(onDisk);
      if (current === undefined) throw new SsoTokenNotFoundError({ path, target });
      if (await this.#refreshedSince(current, seen, forced)) return refreshedMeanwhile(current);
      const state = await this.#assess(current);
      if (state.blocker !== undefined) throw refreshBlockerError(state.blocker, current, { path, target, rejection: state.rejection });

      logger?.info?.(`${LOG_PREFIX} refreshing the SSO token for ${describeLoginTarget(target)}`);
      // Wall-clock time, as file mtimes are: compared with the file's mtime in #save.
      const sentAtMs = Date.now();
      let outcome;
      try {
        outcome = await refreshAccessToken({
          client: await this.#options.oidcClient(),
          token: current,
          path,
          target,
          timeoutMs: this.#options.requestTimeoutMs,
          clock,
          words: this.#options.words,
        });
      } catch (error) {
        if (error instanceof TokenRefreshRejectedError) {
          if (error.serviceCode === "InvalidGrantException") {
            const adopted = await this.#waitForPeerToken(current);
            if (adopted !== undefined) return adopted;
          }
          await this.#recordRejection(current, error);
        }
        throw error;
      }
      const refreshed = current.withRefresh(outcome.fields, clock.now());
      this.#options.secrets.add(refreshed.accessToken, refreshed.refreshToken);
      if (outcome.fields.clampedFrom !== undefined) {
        logger?.warn?.(
          `${LOG_PREFIX} CreateToken answered expiresIn ${String(outcome.fields.clampedFrom)} for ${describeLoginTarget(target)}, which cannot be right; ` +
            `recording the token as valid until ${refreshed.expiresAt.toISOString()}`,
        );
      }
      const saved = await this.#save(refreshed, current, onDisk, sentAtMs);
      if (outcome.error !== undefined) throw outcome.error;
      return saved;
    } finally {
      await lock.release();
    }
  }

  /**
   * Writes the refreshed token unless another process rewrote the file after this one sent its
   * CreateToken. The lock makes that impossible unless it was taken over (a holder stalled past
   * `staleMs`, proper-lockfile's stale takeover race) or a tool that takes no lock wrote the file.
   * A token written before our request was sent was issued before ours, so ours is newer and
   * replaces it; one written after may be newer than ours (with a reuse grace period both are
   * valid), so it is kept: the file never goes back to an older token.
   *
   * A file removed meanwhile (a logout) is not written back: the token serves this call only.
   * A file that cannot be written: the token is held (see {@link #hold}).
   */
  async #save(refreshed: CachedSsoToken, read: CachedSsoToken, readFromDisk: CachedSsoToken | undefined, sentAtMs: number): Promise<CachedSsoToken> {
    const { path, target, logger, heldTokens } = this.#options;
    const onDisk = await readTokenFile(path, target).catch(() => undefined);
    if (readFromDisk !== undefined && onDisk === undefined && (await isMissing(path))) {
      logger?.info?.(`${LOG_PREFIX} ${path} was removed while its token was refreshed (a logout?); not writing it back`);
      this.#held = undefined;
      await heldTokens.remove(path);
      return refreshed;
    }
    if (onDisk !== undefined && !onDisk.sameAs(read) && !(readFromDisk !== undefined && onDisk.sameAs(readFromDisk)) && onDisk.expiresAt.getTime() > this.#options.clock.now()) {
      const writtenAtMs = await stat(path).then(
        (stats) => stats.mtimeMs,
        () => undefined,
      );
      if (writtenAtMs === undefined || writtenAtMs >= sentAtMs - MTIME_GRANULARITY_MS) {
        logger?.warn?.(`${LOG_PREFIX} ${path} was refreshed by another process while this one refreshed it; keeping the token it wrote`);
        return onDisk;
      }
    }
    try {
      await writeTokenFile(path, refreshed.serialize(), this.#options.words);
    } catch (error) {
      if (!(error instanceof SsoTokenCacheWriteError)) throw error;
      await this.#hold(refreshed, readFromDisk ?? read, error);
      return refreshed;
    }
    if (this.#held !== undefined) {
      this.#held = undefined;
      await heldTokens.remove(path);
    }
    // A note about an older refresh token is litter now.
    await RejectedRefreshRecord.remove(path);
    logger?.info?.(`${LOG_PREFIX} refreshed the SSO token in ${path}; valid until ${refreshed.expiresAt.toISOString()}`);
    return refreshed;
  }

  /**
   * Keeps a token the file could not take: in memory, and in the private held-token store, so that every
   * provider of ours (in this process or another) uses it, and its refresh token, until the file can
   * take it. Says so once, with what the AWS CLI and other tools will see meanwhile.
   */
  async #hold(token: CachedSsoToken, replaces: CachedSsoToken, error: SsoTokenCacheWriteError): Promise<void> {
    const { path, target, logger, heldTokens } = this.#options;
    const firstFailure = this.#held === undefined;
    this.#held = { token, replaces: this.#held?.replaces ?? replaces };
    const stored = await heldTokens.write(path, token, this.#held.replaces).then(
      () => true,
      (storeError: unknown) => {
        logger?.debug?.(`${LOG_PREFIX} could not keep the token in ${heldTokens.pathFor(path)} either: ${(storeError as Error).message}`);
        return false;
      },
    );
    if (!firstFailure) return;
    const code = errorCode(error.cause);
    logger?.warn?.(
      `${LOG_PREFIX} could not write the refreshed SSO token to ${path} (${code}). ` +
        (stored
          ? `It is kept in ${heldTokens.pathFor(path)}, where this process and others using this library find it, `
          : "This process keeps using it, ") +
        "but other processes cannot see it: the AWS CLI and other SDKs will need a new login " +
        `(${loginFixCommand(target)}) once the token in the file stops working. ${fixFor(code, dirname(path))} ` +
        "The token is written to the file as soon as that works.",
    );
  }

  /** The token to use: the file's, or one held for it while the file still holds what that one replaces. */
  async #read(): Promise<CachedSsoToken | undefined> {
    const { path, target, clock } = this.#options;
    return this.#current(await readTokenFile(path, target, { settle: { ms: PARTIAL_FILE_SETTLE_MS, clock } }));
  }

  /** `onDisk`, or the token held for it (in memory, or in the store by another provider of ours). */
  async #current(onDisk: CachedSsoToken | undefined): Promise<CachedSsoToken | undefined> {
    const { path, target, heldTokens, secrets } = this.#options;
    if (onDisk !== undefined) secrets.add(onDisk.accessToken, onDisk.refreshToken, onDisk.clientSecret);
    const held = this.#held;
    if (held !== undefined) {
      if (onDisk !== undefined && onDisk.sameAs(held.replaces)) return held.token;
      // A new login, a logout or another process's refresh: the file is the truth again.
      this.#held = undefined;
    }
    const stored = await heldTokens.read(path, onDisk, target);
    if (stored !== undefined) secrets.add(stored.accessToken, stored.refreshToken);
    if (stored !== undefined && onDisk !== undefined) this.#held = { token: stored, replaces: onDisk };
    return stored ?? onDisk;
  }

  /** Another attempt to write the held token, unless one is under way (a refresh writes it anyway). */
  #persistHeldInBackground(): void {
    if (this.#refresh !== undefined) return;
    this.#persisting ??= this.#persistHeld().finally(() => {
      this.#persisting = undefined;
    });
  }

  /** Another attempt to write the held token, under the lock; quiet, as the first failure was reported. */
  async #persistHeld(signal: AbortSignal = this.#closing.signal): Promise<void> {
    const { path, target, clock, logger, heldTokens } = this.#options;
    try {
      const lock = await lockTokenCache(path, {
        lock: this.#options.lock,
        clock,
        logger,
        stopWaiting: async () => false,
        signal,
        fallbackTarget: () => heldTokens.lockTargetFor(path),
      });
      try {
        const held = this.#held;
        const onDisk = await readTokenFile(path, target);
        if (held === undefined || onDisk === undefined || !onDisk.sameAs(held.replaces)) return;
        await writeTokenFile(path, held.token.serialize(), this.#options.words);
        if (this.#held === held) this.#held = undefined;
        await heldTokens.remove(path);
        logger?.info?.(`${LOG_PREFIX} wrote the SSO token kept aside to ${path}; other processes can use it now`);
      } finally {
        await lock?.release();
      }
    } catch (error) {
      logger?.debug?.(`${LOG_PREFIX} still cannot write ${path}: ${(error as Error).message}`);
    }
  }

  /**
   * `invalid_grant` for a refresh token that was valid a moment ago usually means another process
   * (one of ours past a lock takeover, or the AWS CLI or an SDK, which take no lock) used it first
   * and is about to write what it got. Watch the file for that token instead of failing.
   */
  async #waitForPeerToken(sent: CachedSsoToken): Promise<CachedSsoToken | undefined> {
    const { path, target, logger, peerRefreshWaitMs, clock } = this.#options;
    const started = clock.monotonic();
    if (peerRefreshWaitMs >= 1000) {
      logger?.info?.(
        `${LOG_PREFIX} SSO OIDC refused the refresh token in ${path}; waiting up to ${Math.round(peerRefreshWaitMs / 1000)} s ` +
          "for the token another process may have got with it, before asking for a new login",
      );
    }
    for (;;) {
      const onDisk = await readTokenFile(path, target).catch(() => undefined);
      if (onDisk !== undefined && onDisk.refreshToken !== sent.refreshToken && onDisk.expiresAt.getTime() > clock.now()) {
        logger?.info?.(`${LOG_PREFIX} another process rotated the refresh token in ${path}; using its token`);
        return onDisk;
      }
      if (clock.monotonic() - started >= peerRefreshWaitMs || this.#closing.signal.aborted) return undefined;
      await clock.sleep(PEER_POLL_INTERVAL_MS);
    }
  }

  async #recordRejection(token: CachedSsoToken, error: TokenRefreshRejectedError): Promise<void> {
    const { path, clock, logger } = this.#options;
    try {
      await RejectedRefreshRecord.write(path, token, {
        serviceCode: error.serviceCode,
        requestId: error.requestId,
        httpStatusCode: error.httpStatusCode,
        nowMs: clock.now(),
      });
    } catch (writeError) {
      logger?.debug?.(`${LOG_PREFIX} could not record the ended session beside ${path}: ${(writeError as Error).message}`);
    }
  }

  #rejectedError(record: RejectedRefreshRecord, cause?: unknown): TokenRefreshRejectedError {
    const { path, target } = this.#options;
    return new TokenRefreshRejectedError({
      serviceCode: record.serviceCode,
      path,
      target,
      requestId: record.requestId,
      httpStatusCode: record.httpStatusCode,
      cause: cause ?? new Error(`a refresh with this refresh token was refused at ${record.recordedAt.toISOString()}`),
    });
  }

  #warnUnrefreshable(token: CachedSsoToken, state: TokenAssessment & { rejection?: RejectedRefreshRecord }): void {
    // A session that can no longer refresh ends at this token's expiry: say so while there is time to log in.
    if ((state.blocker !== "registration-expired" && state.blocker !== "refresh-rejected") || this.#warnedUnrefreshable) return;
    this.#warnedUnrefreshable = true;
    const { path, target } = this.#options;
    this.#options.logger?.warn?.(
      `${LOG_PREFIX} the cached token is valid until ${token.expiresAt.toISOString()}, then a login is needed. ` +
        refreshBlockerError(state.blocker, token, { path, target, rejection: state.rejection }).message,
    );
  }

  /** Warns once when the cache directory is one others could write to: they could plant a token there. */
  async #checkDirectory(): Promise<void> {
    if (this.#checkedDirectory) return;
    this.#checkedDirectory = true;
    const dir = dirname(this.#options.path);
    const stats = await stat(dir).catch(() => undefined);
    const reason = stats === undefined ? undefined : untrustedReason(stats);
    if (reason !== undefined) {
      this.#options.logger?.warn?.(`${LOG_PREFIX} the SSO token cache directory ${dir} ${reason}. Make it private: chmod 700 ${dir}`);
    }
  }

  /**
   * Whether `token`, read from the file now, makes a refresh needless: it is outside the refresh
   * window (unless the service refused it), or it is another token than the one we saw and still
   * valid (a service whose tokens live shorter than the window would otherwise have every waiter
   * refresh again).
   */
  async #refreshedSince(token: CachedSsoToken, seen: CachedSsoToken, forced: boolean): Promise<boolean> {
    const state = await this.#assess(token);
    return (!forced && !state.refreshDue) || (!token.sameAs(seen) && !state.expired);
  }

  /** The one rule (`assessToken`), with the note of a refused refresh read from beside the file. */
  async #assess(token: CachedSsoToken): Promise<TokenAssessment & { rejection?: RejectedRefreshRecord }> {
    const { refreshable, refreshWindowMs, clock, path } = this.#options;
    const nowMs = clock.now();
    // The note matters only when a refresh is due: read it then, not on every call.
    const due = token.expiresAt.getTime() - refreshWindowMs <= nowMs;
    const rejection = due && refreshable ? await RejectedRefreshRecord.read(path) : undefined;
    const refreshRejected = rejection?.matches(token) ?? false;
    return {
      ...assessToken(token, { refreshable, refreshWindowMs, nowMs, refreshRejected }),
      ...(refreshRejected ? { rejection } : {}),
    };
  }
}

/** What fixes a write failure, by its error code. */
function fixFor(code: string, dir: string): string {
  switch (code) {
    case "ENOSPC":
    case "EDQUOT":
      return `Free some space on the disk of ${dir}.`;
    case "EROFS":
      return `${dir} is on a read-only file system: mount it read-write.`;
    case "EPERM":
      return `Check that ${dir} and the file are not immutable (lsattr; chattr -i) and belong to you.`;
    default:
      return `Check that ${dir} belongs to you and is writable (chmod 700).`;
  }
}

async function isMissing(path: string): Promise<boolean> {
  return stat(path).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === "ENOENT",
  );
}

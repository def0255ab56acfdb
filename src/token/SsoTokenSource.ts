import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { Logger } from "@smithy/types";
import { stat } from "node:fs/promises";
import { dirname } from "node:path";

import type { Clock } from "../clock/Clock.js";
import type { CallerWords } from "../errors/CallerWords.js";
import { SsoTokenCacheLockTimeoutError } from "../errors/SsoTokenCacheLockTimeoutError.js";
import { SsoTokenCacheWriteError } from "../errors/SsoTokenCacheWriteError.js";
import { SsoTokenNotFoundError } from "../errors/SsoTokenNotFoundError.js";
import { TokenRefreshRejectedError } from "../errors/TokenRefreshRejectedError.js";
import type { LoginTarget } from "../errors/LoginTarget.js";
import { untrustedReason } from "../files/untrustedReason.js";
import { lockFile, type FileLock, type LockOptions } from "../lock/lockFile.js";
import { assessToken, type TokenAssessment } from "./assessToken.js";
import type { CachedSsoToken } from "./CachedSsoToken.js";
import { readTokenFile } from "./readTokenFile.js";
import { refreshAccessToken } from "./refreshAccessToken.js";
import { refreshBlockerError } from "./refreshBlockerError.js";
import { RejectedRefreshRecord } from "./RejectedRefreshRecord.js";
import { writeTokenFile } from "./writeTokenFile.js";

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
  /** While the cached token is still valid, callers wait this long for a refresh before they are given that token. */
  validTokenWaitMs: number;
  requestTimeoutMs: number;
  lock: LockOptions;
  clock: Clock;
  oidcClient: () => Promise<SSOOIDCClient>;
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

const PEER_POLL_INTERVAL_MS = 25;
/** How long an empty or unparseable cache file is read again before it is reported (another tool may be mid-write). */
const PARTIAL_FILE_SETTLE_MS = 250;
/** File times come from a coarse kernel clock that may lag Date.now() by a tick (up to 10 ms); allow for much more. */
const MTIME_GRANULARITY_MS = 100;
const PREFIX = "aws-sso-credential-provider:";
/** Why a directory cannot be written: read-only, immutable, not ours, full. */
const UNWRITABLE = new Set(["EACCES", "EPERM", "EROFS", "ENOSPC", "EDQUOT"]);

/**
 * The SSO access token of one cache file, refreshed when it is about to expire.
 *
 * Concurrent callers share one read or refresh. A refresh takes the file's cross-process lock,
 * reads the file again (another process may have refreshed it: then no call is made), calls
 * CreateToken, writes the file atomically and lets the lock go.
 *
 * What it promises:
 * - a token the service issued is never dropped: if the file cannot be written, this process keeps
 *   and uses it (its refresh token included), and writes it as soon as the disk allows;
 * - while the cached token is still valid, a refresh delays callers by `validTokenWaitMs` at most,
 *   then goes on in the background, and any failure of it is a warning;
 * - a refresh refused with `invalid_grant` is recorded beside the cache ({@link RejectedRefreshRecord}),
 *   so that no process sends that dead refresh token again.
 */
export class SsoTokenSource {
  readonly #options: SsoTokenSourceOptions;
  #inFlight: Promise<CachedSsoToken> | undefined;
  /** A refresh under way, possibly outliving the call that started it. */
  #refresh: Promise<CachedSsoToken> | undefined;
  #lastFailure: { atMonotonicMs: number; error: unknown } | undefined;
  /** A token this process got from the service but could not write, and the file content it replaces. */
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
   * Lets a short-lived process end safely: stops waiting for other processes' locks, and resolves once
   * a CreateToken already sent has been answered and its token saved (or kept, if it cannot be).
   */
  async close(): Promise<void> {
    this.#closing.abort(new Error("the token source was closed"));
    await Promise.allSettled([this.#refresh, this.#persisting]);
  }

  async #load(refused: CachedSsoToken | undefined): Promise<CachedSsoToken> {
    const { path, target, clock } = this.#options;
    await this.#checkDirectory();
    const onDisk = await readTokenFile(path, target, { settle: { ms: PARTIAL_FILE_SETTLE_MS, clock } });
    const token = this.#current(onDisk);
    if (token === undefined) throw new SsoTokenNotFoundError({ path, target });
    const forced = refused !== undefined && token.sameAs(refused);
    const state = this.#assess(token);
    if (!state.refreshDue && !forced) {
      if (this.#held?.token === token) this.#persistHeldInBackground();
      return token;
    }

    const usable = !state.expired && !forced;
    if (state.blocker !== undefined) {
      if (!usable) throw refreshBlockerError(state.blocker, token, { path, target });
      this.#warnUnrefreshable(token, state);
      return token;
    }
    const rejected = await RejectedRefreshRecord.read(path);
    if (rejected?.matches(token)) {
      if (usable) return token;
      throw this.#rejectedError(rejected);
    }
    const failure = this.#lastFailure;
    if (failure !== undefined && clock.monotonic() - failure.atMonotonicMs < this.#options.retryAfterFailureMs) {
      if (usable) return token;
      throw failure.error;
    }

    const refresh = (this.#refresh ??= this.#startRefresh(token, forced));
    if (!usable) return refresh;
    // The token still works: wait a little for the new one, then use the old one and let the refresh finish behind.
    const timer = new AbortController();
    const outcome = await Promise.race([
      refresh.then(
        (fresh) => ({ fresh }),
        () => ({ fresh: token }),
      ),
      clock.sleep(this.#options.validTokenWaitMs, timer.signal).then(
        () => undefined,
        () => undefined,
      ),
    ]);
    timer.abort();
    if (outcome !== undefined) return outcome.fresh;
    this.#options.logger?.info?.(
      `${PREFIX} the SSO token refresh for ${describe(target)} is taking long; using the cached token, valid until ` +
        `${token.expiresAt.toISOString()}, while it goes on`,
    );
    return token;
  }

  /** The refresh as the callers share it: failures are remembered (for the backoff) and, while the token is valid, only a warning. */
  #startRefresh(token: CachedSsoToken, forced: boolean): Promise<CachedSsoToken> {
    const { clock, logger, path } = this.#options;
    const refresh = this.#refreshUnderLock(token, forced).then(
      (fresh) => {
        this.#lastFailure = undefined;
        return fresh;
      },
      (error: unknown) => {
        this.#lastFailure = { atMonotonicMs: clock.monotonic(), error };
        if (!this.#assess(token).expired && !forced) {
          logger?.warn?.(
            `${PREFIX} could not refresh the SSO token in ${path}; using the cached token, ` +
              `valid until ${token.expiresAt.toISOString()}. ${(error as Error).message}`,
          );
        }
        throw error;
      },
    );
    const shared = refresh.finally(() => {
      if (this.#refresh === shared) this.#refresh = undefined;
    });
    // A refresh that outlives its caller must not end as an unhandled rejection.
    shared.catch(() => undefined);
    return shared;
  }

  async #refreshUnderLock(seen: CachedSsoToken, forced: boolean): Promise<CachedSsoToken> {
    const { path, target, logger, clock } = this.#options;
    const refreshedMeanwhile = (token: CachedSsoToken): CachedSsoToken => {
      logger?.info?.(`${PREFIX} the SSO token in ${path} was refreshed meanwhile by another process or provider; using it`);
      return token;
    };
    // While another process holds the lock, look at the file between attempts: once the holder has
    // written a fresh token, or recorded that the session has ended, act on it without queueing for the lock.
    let peerToken: CachedSsoToken | undefined;
    let rejected: RejectedRefreshRecord | undefined;
    const stopWaiting = async (): Promise<boolean> => {
      const onDisk = await readTokenFile(path, target).catch(() => undefined);
      if (onDisk !== undefined && this.#refreshedSince(onDisk, seen, forced)) {
        peerToken = onDisk;
        return true;
      }
      const record = await RejectedRefreshRecord.read(path);
      if (record?.matches(seen)) rejected = record;
      return rejected !== undefined;
    };
    let lock: FileLock | undefined;
    try {
      lock = await lockFile(path, this.#options.lock, { clock, logger, stopWaiting, signal: this.#closing.signal });
    } catch (error) {
      // A wait that timed out while the session is known to have ended: the answer is "log in", not "cache error".
      if (error instanceof SsoTokenCacheLockTimeoutError) {
        const record = await RejectedRefreshRecord.read(path);
        if (record?.matches(seen)) throw this.#rejectedError(record, error);
      }
      // A cache nobody may write (a read-only mount, chattr +i, a full disk): no other process can
      // write a token there either, so there is nothing to coordinate. Refresh without the lock and
      // keep the token in memory; #save says so when the write fails too.
      if (!(error instanceof SsoTokenCacheWriteError && UNWRITABLE.has(errorCode(error.cause)))) throw error;
      logger?.debug?.(`${PREFIX} cannot create the lock ${path}.lock (${errorCode(error.cause)}); refreshing without it`);
      lock = { lockPath: `${path}.lock`, release: async () => undefined };
    }
    if (lock === undefined) {
      if (peerToken !== undefined) return refreshedMeanwhile(peerToken);
      throw this.#rejectedError(rejected as RejectedRefreshRecord);
    }
    try {
      logger?.debug?.(`${PREFIX} took the lock ${lock.lockPath}`);
      const onDisk = await readTokenFile(path, target, { settle: { ms: PARTIAL_FILE_SETTLE_MS, clock } });
      const current = this.#current(onDisk);
      if (current === undefined) throw new SsoTokenNotFoundError({ path, target });
      if (this.#refreshedSince(current, seen, forced)) return refreshedMeanwhile(current);
      const state = this.#assess(current);
      if (state.blocker !== undefined) throw refreshBlockerError(state.blocker, current, { path, target });
      const record = await RejectedRefreshRecord.read(path);
      if (record?.matches(current)) throw this.#rejectedError(record);

      logger?.info?.(`${PREFIX} refreshing the SSO token for ${describe(target)}`);
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
      if (outcome.fields.clampedFrom !== undefined) {
        logger?.warn?.(
          `${PREFIX} CreateToken answered expiresIn ${String(outcome.fields.clampedFrom)} for ${describe(target)}, which cannot be right; ` +
            `recording the token as valid until ${current.withRefresh(outcome.fields, clock.now()).expiresAt.toISOString()}`,
        );
      }
      const saved = await this.#save(current.withRefresh(outcome.fields, clock.now()), current, sentAtMs);
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
   * If the file cannot be written, the token is kept in memory and used: the service has issued it,
   * and with rotating refresh tokens it holds the only refresh token that still works.
   */
  async #save(refreshed: CachedSsoToken, read: CachedSsoToken, sentAtMs: number): Promise<CachedSsoToken> {
    const { path, target, logger } = this.#options;
    const onDisk = await readTokenFile(path, target).catch(() => undefined);
    if (onDisk !== undefined && !onDisk.sameAs(read) && !this.#assess(onDisk).expired) {
      const writtenAtMs = await stat(path).then(
        (stats) => stats.mtimeMs,
        () => undefined,
      );
      if (writtenAtMs === undefined || writtenAtMs >= sentAtMs - MTIME_GRANULARITY_MS) {
        logger?.warn?.(`${PREFIX} ${path} was refreshed by another process while this one refreshed it; keeping the token it wrote`);
        return onDisk;
      }
    }
    try {
      await writeTokenFile(path, refreshed.serialize(), this.#options.words);
    } catch (error) {
      if (!(error instanceof SsoTokenCacheWriteError)) throw error;
      const firstFailure = this.#held === undefined;
      this.#held = { token: refreshed, replaces: this.#held?.replaces ?? read };
      if (firstFailure) {
        const code = errorCode(error.cause);
        logger?.warn?.(
          `${PREFIX} could not write the refreshed SSO token to ${path} (${code}). This process keeps using it, ` +
            "but other processes cannot see it: they will need a new login once the token in the file stops working. " +
            `Free space or fix the permissions of ${dirname(path)}; the token is written as soon as that works.`,
        );
      }
      return refreshed;
    }
    this.#held = undefined;
    logger?.info?.(`${PREFIX} refreshed the SSO token in ${path}; valid until ${refreshed.expiresAt.toISOString()}`);
    return refreshed;
  }

  /** The token to use, given what the file holds: the held one while the file still holds what it replaces, else the file's. */
  #current(onDisk: CachedSsoToken | undefined): CachedSsoToken | undefined {
    const held = this.#held;
    if (held === undefined) return onDisk;
    if (onDisk === undefined || !onDisk.sameAs(held.replaces)) {
      // A new login, a logout or another process's refresh: the file is the truth again.
      this.#held = undefined;
      return onDisk;
    }
    return held.token;
  }

  /** Another attempt to write the held token, unless one is under way (a refresh writes it anyway). */
  #persistHeldInBackground(): void {
    if (this.#refresh !== undefined) return;
    this.#persisting ??= this.#persistHeld().finally(() => {
      this.#persisting = undefined;
    });
  }

  /** Another attempt to write the held token, under the lock; quiet, as the first failure was reported. */
  async #persistHeld(): Promise<void> {
    const { path, target, clock, logger } = this.#options;
    try {
      const lock = await lockFile(path, this.#options.lock, { clock, logger, signal: this.#closing.signal });
      try {
        const held = this.#held;
        const onDisk = await readTokenFile(path, target);
        if (held === undefined || onDisk === undefined || !onDisk.sameAs(held.replaces)) return;
        await writeTokenFile(path, held.token.serialize(), this.#options.words);
        if (this.#held === held) this.#held = undefined;
        logger?.info?.(`${PREFIX} wrote the SSO token kept in memory to ${path}; other processes can use it now`);
      } finally {
        await lock.release();
      }
    } catch (error) {
      logger?.debug?.(`${PREFIX} still cannot write ${path}: ${(error as Error).message}`);
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
    for (;;) {
      const onDisk = await readTokenFile(path, target).catch(() => undefined);
      if (onDisk !== undefined && onDisk.refreshToken !== sent.refreshToken && !this.#assess(onDisk).expired) {
        logger?.info?.(`${PREFIX} another process rotated the refresh token in ${path}; using its token`);
        return onDisk;
      }
      if (clock.monotonic() - started >= peerRefreshWaitMs) return undefined;
      await clock.sleep(PEER_POLL_INTERVAL_MS);
    }
  }

  async #recordRejection(token: CachedSsoToken, error: TokenRefreshRejectedError): Promise<void> {
    const { path, clock, logger } = this.#options;
    try {
      await RejectedRefreshRecord.write(path, token, { serviceCode: error.serviceCode, requestId: error.requestId, nowMs: clock.now() });
    } catch (writeError) {
      logger?.debug?.(`${PREFIX} could not record the ended session beside ${path}: ${(writeError as Error).message}`);
    }
  }

  #rejectedError(record: RejectedRefreshRecord, cause?: unknown): TokenRefreshRejectedError {
    const { path, target } = this.#options;
    return new TokenRefreshRejectedError({
      serviceCode: record.serviceCode,
      path,
      target,
      requestId: record.requestId,
      cause: cause ?? new Error(`a refresh with this refresh token was refused at ${record.recordedAt.toISOString()}`),
    });
  }

  #warnUnrefreshable(token: CachedSsoToken, state: TokenAssessment): void {
    // A session that can no longer refresh ends at this token's expiry: say so while there is time to log in.
    if (state.blocker !== "registration-expired" || this.#warnedUnrefreshable) return;
    this.#warnedUnrefreshable = true;
    const { path, target } = this.#options;
    this.#options.logger?.warn?.(
      `${PREFIX} the cached token is valid until ${token.expiresAt.toISOString()}, then a login is needed. ` +
        refreshBlockerError(state.blocker, token, { path, target }).message,
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
      this.#options.logger?.warn?.(`${PREFIX} the SSO token cache directory ${dir} ${reason}. Make it private: chmod 700 ${dir}`);
    }
  }

  /**
   * Whether `token`, read from the file now, makes a refresh needless: it is outside the refresh
   * window (unless the service refused it), or it is another token than the one we saw and still
   * valid (a service whose tokens live shorter than the window would otherwise have every waiter
   * refresh again).
   */
  #refreshedSince(token: CachedSsoToken, seen: CachedSsoToken, forced: boolean): boolean {
    const state = this.#assess(token);
    return (!forced && !state.refreshDue) || (!token.sameAs(seen) && !state.expired);
  }

  #assess(token: CachedSsoToken): TokenAssessment {
    const { refreshable, refreshWindowMs, clock } = this.#options;
    return assessToken(token, { refreshable, refreshWindowMs, nowMs: clock.now() });
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? "unknown error";
}

function describe(target: LoginTarget): string {
  if (target.ssoSession !== undefined) return `sso-session "${target.ssoSession}"`;
  return target.profile !== undefined ? `profile "${target.profile}"` : "the configured start URL";
}

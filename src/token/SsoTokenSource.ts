import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { Logger } from "@smithy/types";
import { stat } from "node:fs/promises";

import { ClientRegistrationExpiredError } from "../errors/ClientRegistrationExpiredError.js";
import { SsoTokenExpiredError } from "../errors/SsoTokenExpiredError.js";
import { SsoTokenNotFoundError } from "../errors/SsoTokenNotFoundError.js";
import { TokenRefreshRejectedError } from "../errors/TokenRefreshRejectedError.js";
import type { LoginTarget } from "../errors/loginCommand.js";
import type { CachedSsoToken } from "./CachedSsoToken.js";
import { lockTokenFile, type TokenFileLockOptions } from "./lockTokenFile.js";
import { readTokenFile } from "./readTokenFile.js";
import { refreshAccessToken } from "./refreshAccessToken.js";
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
  /** After a failed refresh, wait this long before the next attempt (the token is used meanwhile, if still valid). */
  retryAfterFailureMs: number;
  /** After `invalid_grant`, how long to watch the file for a token another process got with the same refresh token. */
  peerRefreshWaitMs: number;
  requestTimeoutMs: number;
  lock: TokenFileLockOptions;
  now: () => number;
  oidcClient: () => Promise<SSOOIDCClient>;
  logger: Logger | undefined;
}

const PEER_POLL_INTERVAL_MS = 25;
/** How long an empty or unparseable cache file is read again before it is reported (another tool may be mid-write). */
const PARTIAL_FILE_SETTLE_MS = 250;
/** File times come from a coarse kernel clock that may lag Date.now() by a tick (up to 10 ms); allow for much more. */
const MTIME_GRANULARITY_MS = 100;

/**
 * The SSO access token of one cache file, refreshed when it is about to expire.
 *
 * Concurrent callers share one read or refresh. A refresh takes the file's cross-process lock,
 * reads the file again (another process may have refreshed it: then no call is made), calls
 * CreateToken, writes the file atomically and lets the lock go. Everything that can go wrong
 * while the old token is still valid is a warning, and the old token is used.
 */
export class SsoTokenSource {
  readonly #options: SsoTokenSourceOptions;
  #inFlight: Promise<CachedSsoToken> | undefined;
  #lastFailure: { atMs: number; error: unknown } | undefined;
  #warnedUnrefreshable = false;

  constructor(options: SsoTokenSourceOptions) {
    this.#options = options;
  }

  /** The current token: from the cache, refreshed first if it is inside the refresh window. */
  getToken(): Promise<CachedSsoToken> {
    this.#inFlight ??= this.#load().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  async #load(): Promise<CachedSsoToken> {
    const { path, target, now } = this.#options;
    const token = await readTokenFile(path, target, { settleMs: PARTIAL_FILE_SETTLE_MS });
    if (token === undefined) throw new SsoTokenNotFoundError(path, target);
    if (!this.#needsRefresh(token)) return token;

    const blocker = this.#whyNotRefreshable(token);
    if (blocker !== undefined) {
      if (this.#expired(token)) throw blocker;
      // A session that can no longer refresh ends at this token's expiry: say so while there is time to log in.
      if (blocker instanceof ClientRegistrationExpiredError && !this.#warnedUnrefreshable) {
        this.#warnedUnrefreshable = true;
        this.#options.logger?.warn?.(
          `aws-sso-credential-provider: the cached token is valid until ${token.expiresAt.toISOString()}, then a login is needed. ${blocker.message}`,
        );
      }
      return token;
    }
    const failure = this.#lastFailure;
    if (failure !== undefined && now() - failure.atMs < this.#options.retryAfterFailureMs) {
      if (!this.#expired(token)) return token;
      throw failure.error;
    }
    try {
      const refreshed = await this.#refreshUnderLock(token);
      this.#lastFailure = undefined;
      return refreshed;
    } catch (error) {
      this.#lastFailure = { atMs: now(), error };
      if (this.#expired(token)) throw error;
      this.#options.logger?.warn?.(
        `aws-sso-credential-provider: could not refresh the SSO token in ${path}; using the cached token, ` +
          `valid until ${token.expiresAt.toISOString()}. ${(error as Error).message}`,
      );
      return token;
    }
  }

  async #refreshUnderLock(seen: CachedSsoToken): Promise<CachedSsoToken> {
    const { path, target, logger } = this.#options;
    const refreshedMeanwhile = (token: CachedSsoToken): CachedSsoToken => {
      logger?.info?.(`aws-sso-credential-provider: the SSO token in ${path} was refreshed meanwhile by another process or provider; using it`);
      return token;
    };
    // While another process holds the lock, look at the file between attempts: once the holder
    // has written a fresh token, use it without queueing for the lock.
    let peerToken: CachedSsoToken | undefined;
    const lock = await lockTokenFile(path, this.#options.lock, logger, async () => {
      const onDisk = await readTokenFile(path, target).catch(() => undefined);
      if (onDisk !== undefined && this.#refreshedSince(onDisk, seen)) peerToken = onDisk;
      return peerToken !== undefined;
    });
    if (lock === undefined) return refreshedMeanwhile(peerToken as CachedSsoToken);
    try {
      logger?.debug?.(`aws-sso-credential-provider: took the lock ${lock.lockPath}`);
      const current = await readTokenFile(path, target, { settleMs: PARTIAL_FILE_SETTLE_MS });
      if (current === undefined) throw new SsoTokenNotFoundError(path, target);
      if (this.#refreshedSince(current, seen)) return refreshedMeanwhile(current);
      const blocker = this.#whyNotRefreshable(current);
      if (blocker !== undefined) throw blocker;

      logger?.info?.(`aws-sso-credential-provider: refreshing the SSO token for ${describe(target)}`);
      // Wall-clock time (not the `now` option): compared with the file's mtime in #save.
      const sentAtMs = Date.now();
      let fields;
      try {
        fields = await refreshAccessToken(
          await this.#options.oidcClient(),
          current,
          path,
          target,
          this.#options.requestTimeoutMs,
        );
      } catch (error) {
        if (error instanceof TokenRefreshRejectedError && error.serviceCode === "InvalidGrantException") {
          const adopted = await this.#waitForPeerToken(current);
          if (adopted !== undefined) return adopted;
        }
        throw error;
      }
      const refreshed = current.withRefresh(fields, this.#options.now());
      return await this.#save(refreshed, current, sentAtMs);
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
   */
  async #save(refreshed: CachedSsoToken, read: CachedSsoToken, sentAtMs: number): Promise<CachedSsoToken> {
    const { path, target, logger } = this.#options;
    const onDisk = await readTokenFile(path, target).catch(() => undefined);
    if (onDisk !== undefined && !onDisk.sameAs(read) && !this.#expired(onDisk)) {
      const writtenAtMs = await stat(path).then(
        (stats) => stats.mtimeMs,
        () => undefined,
      );
      if (writtenAtMs === undefined || writtenAtMs >= sentAtMs - MTIME_GRANULARITY_MS) {
        logger?.warn?.(
          `aws-sso-credential-provider: ${path} was refreshed by another process while this one refreshed it; keeping the token it wrote`,
        );
        return onDisk;
      }
    }
    await writeTokenFile(path, refreshed.serialize());
    logger?.info?.(
      `aws-sso-credential-provider: refreshed the SSO token in ${path}; valid until ${refreshed.expiresAt.toISOString()}`,
    );
    return refreshed;
  }

  /**
   * `invalid_grant` for a refresh token that was valid a moment ago usually means another process
   * (one of ours past a lock takeover, or the AWS CLI or an SDK, which take no lock) used it first
   * and is about to write what it got. Watch the file for that token instead of failing.
   */
  async #waitForPeerToken(sent: CachedSsoToken): Promise<CachedSsoToken | undefined> {
    const { path, target, logger, peerRefreshWaitMs } = this.#options;
    const deadline = Date.now() + peerRefreshWaitMs;
    for (;;) {
      const onDisk = await readTokenFile(path, target).catch(() => undefined);
      if (onDisk !== undefined && onDisk.refreshToken !== sent.refreshToken && !this.#expired(onDisk)) {
        logger?.info?.(`aws-sso-credential-provider: another process rotated the refresh token in ${path}; using its token`);
        return onDisk;
      }
      if (Date.now() >= deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, PEER_POLL_INTERVAL_MS));
    }
  }

  #whyNotRefreshable(token: CachedSsoToken): Error | undefined {
    const { path, target, now } = this.#options;
    if (!this.#options.refreshable) {
      return new SsoTokenExpiredError(
        path,
        token.expiresAt,
        "a legacy profile (sso_start_url in the profile) cannot refresh it; an [sso-session] section can",
        target,
      );
    }
    if (token.refreshToken === undefined || token.clientId === undefined || token.clientSecret === undefined) {
      return new SsoTokenExpiredError(path, token.expiresAt, "the cache holds no refresh token and client registration", target);
    }
    if (token.registrationExpiresAt !== undefined && token.registrationExpiresAt.getTime() <= now()) {
      return new ClientRegistrationExpiredError(path, token.registrationExpiresAt, target);
    }
    return undefined;
  }

  /**
   * Whether `token`, read from the file now, makes a refresh needless: it is outside the refresh
   * window, or it is another token than the one we saw and still valid (a service whose tokens live
   * shorter than the window would otherwise have every waiter refresh again).
   */
  #refreshedSince(token: CachedSsoToken, seen: CachedSsoToken): boolean {
    return !this.#needsRefresh(token) || (!token.sameAs(seen) && !this.#expired(token));
  }

  #needsRefresh(token: CachedSsoToken): boolean {
    return token.expiresAt.getTime() - this.#options.refreshWindowMs <= this.#options.now();
  }

  #expired(token: CachedSsoToken): boolean {
    return token.expiresAt.getTime() <= this.#options.now();
  }
}

function describe(target: LoginTarget): string {
  if (target.ssoSession !== undefined) return `sso-session "${target.ssoSession}"`;
  return target.profile !== undefined ? `profile "${target.profile}"` : "the configured start URL";
}

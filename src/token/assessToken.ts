import type { CachedSsoToken } from "./CachedSsoToken.js";

/**
 * Why a token cannot be refreshed:
 * - `legacy-profile`: the profile sets `sso_start_url` itself; such logins carry no refresh token;
 * - `no-refresh-token`: the cache holds no refresh token or client registration;
 * - `registration-expired`: the client registration the refresh needs has expired;
 * - `refresh-rejected`: a refresh with this very refresh token was refused (the session ended),
 *   as recorded beside the cache file.
 */
export type RefreshBlocker = "legacy-profile" | "no-refresh-token" | "registration-expired" | "refresh-rejected";

export interface TokenAssessment {
  expired: boolean;
  /** Inside the refresh window (or expired): a refresh is due. */
  refreshDue: boolean;
  /** Set when a refresh cannot work; only a new login helps then. */
  blocker: RefreshBlocker | undefined;
}

export interface AssessTokenOptions {
  /** Whether the profile is an `sso_session` one: only those tokens are refreshed. */
  refreshable: boolean;
  refreshWindowMs: number;
  nowMs: number;
  /** A refresh with this token's refresh token was refused (see `RejectedRefreshRecord`). */
  refreshRejected?: boolean;
}

/**
 * The one rule for "does this token need a refresh, and can it get one": the token source acts on
 * it, and `status` reports it, so the two never disagree.
 */
export function assessToken(token: CachedSsoToken, options: AssessTokenOptions): TokenAssessment {
  const expiresAtMs = token.expiresAt.getTime();
  return {
    expired: expiresAtMs <= options.nowMs,
    refreshDue: expiresAtMs - options.refreshWindowMs <= options.nowMs,
    blocker: refreshBlocker(token, options),
  };
}

function refreshBlocker(token: CachedSsoToken, options: AssessTokenOptions): RefreshBlocker | undefined {
  if (!options.refreshable) return "legacy-profile";
  if (token.refreshToken === undefined || token.clientId === undefined || token.clientSecret === undefined) return "no-refresh-token";
  if (token.registrationExpiresAt !== undefined && token.registrationExpiresAt.getTime() <= options.nowMs) return "registration-expired";
  if (options.refreshRejected === true) return "refresh-rejected";
  return undefined;
}
